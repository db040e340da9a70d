"""The web pages in a real headless Chromium: each page is scanned with axe-core (no serious or
critical violations) and screenshotted (an artefact in .build/browser-artefacts, not in git), and
the logins run end to end. Run by scripts/browser-tests against a `voorveld serve` with demo data.
"""
import os
import sys
import unittest

from axe_core_python.base import AXE_SCRIPT  # the axe-core the package bundles
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["VOORVELD_URL"]
ARTEFACTS = os.environ.get("VOORVELD_ARTEFACTS", ".build/browser-artefacts")


def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=nl-NL"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))


class Pages(unittest.TestCase):
    def setUp(self):
        self.driver = browser()
        self.addCleanup(self.driver.quit)

    def scan(self, name):
        """Screenshot, then axe-core: fails on any serious or critical violation."""
        os.makedirs(ARTEFACTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(ARTEFACTS, name + ".png"))
        self.driver.execute_script(AXE_SCRIPT)
        result = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1]; axe.run().then(done, e => done({error: String(e)}));")
        self.assertNotIn("error", result, result)
        bad = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        self.assertEqual(bad, [], f"axe-core on {name}")

    def submit(self, button):
        """Clicks a form's button and waits until the next page has replaced this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(self.driver, 10).until(expected_conditions.staleness_of(page))

    def log_in(self, name, password):
        self.driver.get(BASE + "/inloggen")
        self.driver.find_element(By.ID, "gebruikersnaam").send_keys(name)
        self.driver.find_element(By.ID, "wachtwoord").send_keys(password)
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    def test_login_page(self):
        self.driver.get(BASE + "/inloggen")
        self.assertEqual(self.driver.title.split(" ")[0], "Inloggen")
        # The house style loaded (under the Content-Security-Policy), and the first Tab stop is the
        # link past the header, visible when focused.
        header = self.driver.find_element(By.TAG_NAME, "header")
        self.assertEqual(header.value_of_css_property("background-color"), "rgba(1, 82, 125, 1)")
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        skip = self.driver.switch_to.active_element
        self.assertEqual(skip.text, "Naar de inhoud")
        self.assertGreaterEqual(skip.location["x"], 0)
        self.scan("inloggen")

    def test_login_errors_next_to_the_field(self):
        self.log_in("kernteamlid", "fout-wachtwoord")
        error = self.driver.find_element(By.ID, "wachtwoord-fout")
        self.assertIn("onjuist", error.text)
        # The name typed is kept; the summary at the top links to the field.
        self.assertEqual(self.driver.find_element(By.ID, "gebruikersnaam").get_attribute("value"), "kernteamlid")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "[role=alert] a[href='#wachtwoord']"))
        self.scan("inloggen-fout")

    def test_each_role_logs_in_and_out(self):
        for name, password in (("kernteamlid", "demo-kernteamlid"), ("steunpunt", "demo-steunpunt"),
                               ("wethouder", "demo-wethouder"), ("beheerder", "demo-beheerder")):
            with self.subTest(role=name):
                self.log_in(name, password)
                self.assertEqual(self.driver.current_url, BASE + "/", self.driver.find_element(By.TAG_NAME, "body").text)
                self.assertIn("U bent ingelogd als", self.driver.find_element(By.TAG_NAME, "body").text)
                self.scan("start-" + name)
                self.submit(self.driver.find_element(By.XPATH, "//form[@action='/uitloggen']//button"))
                self.assertEqual(self.driver.current_url, BASE + "/inloggen")
                self.driver.get(BASE + "/")
                self.assertEqual(self.driver.current_url, BASE + "/inloggen")


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
