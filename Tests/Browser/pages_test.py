"""The web pages in a real headless Chromium: each page is scanned with axe-core (no serious or
critical violations) and screenshotted (an artefact in .build/browser-artefacts, not in git), and
the logins run end to end. Run by scripts/browser-tests against a `voorveld serve` with demo data.
"""
import os
import sys
import unittest

from axe_core_python.base import AXE_SCRIPT  # the axe-core the package bundles
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["VOORVELD_URL"]
ARTEFACTS = os.environ.get("VOORVELD_ARTEFACTS", ".build/browser-artefacts")


DOWNLOADS = os.path.abspath(os.path.join(ARTEFACTS, "downloads"))
LANDING = {"kernteamlid": "/hulpvragen", "steunpunt": "/vrijwilligers", "wethouder": "/cijfers", "beheerder": "/"}
PASSWORDS = {"kernteamlid": "demo-kernteamlid", "steunpunt": "demo-steunpunt", "wethouder": "demo-wethouder",
             "beheerder": "demo-beheerder"}


def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=nl-NL"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
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

        def replaced(_):
            try:
                page.is_enabled()
                return False
            except WebDriverException:  # stale, or "node does not belong to the document"
                return True
        WebDriverWait(self.driver, 10).until(replaced)

    def log_in(self, name, password=None):
        self.driver.get(BASE + "/inloggen")
        self.driver.find_element(By.ID, "gebruikersnaam").send_keys(name)
        self.driver.find_element(By.ID, "wachtwoord").send_keys(password or PASSWORDS[name])
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "main button[type=submit]"))

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def text(self):
        return self.find("main").text

    def button(self, label, within=None):
        """The button whose visible text starts with `label` (in `within`, else anywhere in main)."""
        scope = within or self.find("main")
        for button in scope.find_elements(By.TAG_NAME, "button"):
            if button.text.startswith(label):
                return button
        self.fail(f"no button '{label}' in {scope.text[:500]}")

    def check(self, name, value):
        box = self.find(f"input[name='{name}'][value='{value}']")
        if not box.is_selected():
            box.click()

    def choose(self, field_id, value):
        Select(self.driver.find_element(By.ID, field_id)).select_by_value(value)

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

    def test_each_role_lands_on_its_own_start_page_and_sees_only_its_own_links(self):
        forbidden = {"kernteamlid": ["/vrijwilligers", "/cijfers"], "steunpunt": ["/hulpvragen", "/cijfers"],
                     "wethouder": ["/hulpvragen", "/vrijwilligers"], "beheerder": ["/hulpvragen", "/vrijwilligers", "/cijfers"]}
        for name, landing in LANDING.items():
            with self.subTest(role=name):
                self.log_in(name)
                self.assertEqual(self.driver.current_url, BASE + landing, self.find("body").text[:500])
                links = [a.get_attribute("href").replace(BASE, "") for a in self.driver.find_elements(By.CSS_SELECTOR, "header nav a")]
                for path in forbidden[name]:
                    self.assertNotIn(path, links)
                if name == "beheerder":
                    self.assertIn("U bent ingelogd als", self.text())
                    self.scan("start-beheerder")
                # A page of another role, opened by its address: refused, in Dutch, with a way back.
                self.driver.get(BASE + forbidden[name][0])
                self.assertIn("Geen toegang", self.find("h1").text)
                # The menu stays: the error page is one of the user's own pages.
                self.assertEqual([a.get_attribute("href").replace(BASE, "") for a in self.driver.find_elements(By.CSS_SELECTOR, "header nav a")], links)
                self.scan("geen-toegang-" + name)
                self.driver.find_element(By.LINK_TEXT, "Naar de startpagina").click()
                self.assertEqual(self.driver.current_url, BASE + landing)
                self.submit(self.driver.find_element(By.XPATH, "//form[@action='/uitloggen']//button"))
                self.assertEqual(self.driver.current_url, BASE + "/inloggen")
                self.driver.get(BASE + landing)
                self.assertEqual(self.driver.current_url, BASE + "/inloggen")

    def test_kernteamlid_registers_books_and_closes_a_hulpvraag(self):
        self.log_in("kernteamlid")
        self.scan("hulpvragen")
        self.assertIn("Nazorg deze week", self.text())
        self.driver.find_element(By.LINK_TEXT, "Nieuwe hulpvraag registreren").click()
        self.scan("hulpvraag-nieuw")
        # Sent half-filled: every problem next to its field and at the top; what was typed stays.
        self.find("#initialen").send_keys("B.")
        self.check("dagdelen", "ma-ochtend")
        self.submit(self.button("Hulpvraag registreren"))
        self.assertIn("Leefgebieden: kies er minstens één", self.find("#leefgebieden-fout").text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "[role=alert] a[href='#leefgebieden']"))
        self.assertEqual(self.find("#initialen").get_attribute("value"), "B.")
        self.assertTrue(self.find("input[name='dagdelen'][value='ma-ochtend']").is_selected())
        self.assertEqual(self.driver.title, "Nieuwe hulpvraag · Voorveld")
        self.scan("hulpvraag-nieuw-fouten")
        self.choose("kern", "heteren")
        self.choose("kanaal", "telefoon")
        self.choose("duur", "kortdurend")
        self.find("#toestemmingVrijwilliger-ja").click()
        self.check("leefgebieden", "financien")
        self.check("taken", "administratie")
        self.check("dagdelen", "di-middag")
        self.submit(self.button("Hulpvraag registreren"))
        # The hulpvraag page: no personal data in the address or the title, candidates with reasons.
        self.assertRegex(self.driver.current_url, BASE + r"/hulpvragen/[0-9a-f-]{36}\?melding=geregistreerd$")
        self.assertEqual(self.driver.title, "Hulpvraag · Voorveld")
        self.assertIn("De hulpvraag is geregistreerd", self.text())
        candidates = self.driver.find_elements(By.XPATH, "//table[caption='Vrijwilligers, beste eerst']/tbody/tr")
        self.assertGreater(len(candidates), 0, self.text())
        self.assertIn("Financiën", candidates[0].text)
        name = candidates[0].find_element(By.TAG_NAME, "th").text
        self.scan("hulpvraag")
        self.submit(self.button("Voorstellen", candidates[0]))
        self.assertIn("De koppeling is voorgesteld", self.text())
        card = self.find("#koppelingen + .kaart")
        self.assertIn(name, card.text)
        self.submit(self.button("Starten", card))
        self.submit(self.button("Afronden", self.find("#koppelingen + .kaart")))
        self.assertIn("afgerond", self.find("#koppelingen + .kaart").text)
        # Closing without an outcome: the error stands next to the field.
        self.submit(self.button("Hulpvraag afsluiten"))
        self.assertIn("Uitkomst is verplicht", self.find("#uitkomst-fout").text)
        self.choose("uitkomst", "opgelost-voorliggend-veld")
        self.check("onderdelen", "vrijwilliger")
        self.submit(self.button("Hulpvraag afsluiten"))
        self.assertIn("De hulpvraag is afgesloten", self.text())
        self.assertIn("Hulpvraag · Afgesloten", self.find("h1").text)
        self.assertIn("Opgelost met alleen het voorliggend veld (vrijwilliger)", self.text())
        self.assertIn("Werkt de oplossing nog?", self.text())
        self.scan("hulpvraag-afgesloten")
        # Reopened from the edit page, where every field shows what is stored.
        self.driver.find_element(By.LINK_TEXT, "Gegevens wijzigen of hulpvraag heropenen").click()
        self.assertEqual(self.find("h1").text, "Hulpvraag wijzigen")
        self.assertEqual(self.find("#initialen").get_attribute("value"), "B.")
        self.scan("hulpvraag-wijzigen")
        self.choose("status", "in-behandeling")
        self.submit(self.button("Wijzigingen opslaan"))
        self.assertIn("De gegevens zijn opgeslagen", self.text())
        self.assertIn("Hulpvraag · In behandeling", self.find("h1").text)
        # What the form carried back unchanged is still there.
        details = self.find("dl.gegevens").text
        for kept in ("Heteren", "Telefoon", "Financiën", "Administratie", "Kortdurend"):
            self.assertIn(kept, details)
        self.assertIn("Hulpvraag afsluiten", self.text())
        # On a tablet in the team meeting (portrait): nothing wider than the screen but the tables,
        # which scroll in their own box.
        self.driver.set_window_size(820, 1180)
        for path in ("/hulpvragen", "/hulpvragen/nieuw", self.driver.current_url.replace(BASE, "")):
            self.driver.get(BASE + path)
            overflow = self.driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            self.assertLessEqual(overflow, 0, path)
        self.scan("hulpvraag-tablet")

    def test_steunpunt_imports_a_csv_with_a_bad_row_and_fixes_it(self):
        self.log_in("steunpunt")
        self.scan("vrijwilligers")
        Select(self.find("#vog")).select_by_value("verloopt")
        self.submit(self.button("Filteren"))
        self.assertIn("vog=verloopt", self.driver.current_url)
        self.assertIn("VOG", self.text())
        self.driver.find_element(By.LINK_TEXT, "Importeren").click()
        self.scan("vrijwilligers-import")
        os.makedirs(ARTEFACTS, exist_ok=True)
        path = os.path.abspath(os.path.join(ARTEFACTS, "import.csv"))
        with open(path, "w", encoding="utf-8") as f:
            f.write("referentie,voornaam,achternaam,kern,leefgebieden,beschikbaarheid,langste_inzet,uren_per_week,max_hulpvragen\n"
                    "browser-1,Anna,Jansen,heteren,financien,ma-ochtend,kortdurend,2,1\n"
                    "browser-2,Bram,de Vries,heteren,financien,ma-ochtend,kortdurend,twee,1\n")
        self.find("#bestand").send_keys(path)
        self.submit(self.button("Inlezen"))
        self.assertIn("Er is niets ingelezen", self.text())
        rows = self.driver.find_elements(By.XPATH, "//table[starts-with(caption, 'Problemen')]/tbody/tr")
        self.assertEqual([r.text for r in rows], ["3 uren_per_week moet een geheel getal zijn"])
        self.scan("vrijwilligers-import-fout")
        area = self.find("#csv")
        fixed = area.get_attribute("value").replace(",twee,", ",2,")
        area.clear()
        area.send_keys(fixed)
        self.submit(self.button("Opnieuw inlezen"))
        self.assertIn("2 vrijwilligers ingelezen", self.text())
        # The imported volunteer, in the list and on their own page with the availability grid.
        self.driver.get(BASE + "/vrijwilligers?kern=heteren")
        while not self.driver.find_elements(By.LINK_TEXT, "Bram de Vries"):
            self.driver.find_element(By.LINK_TEXT, "Volgende pagina").click()
        self.driver.find_element(By.LINK_TEXT, "Bram de Vries").click()
        self.assertEqual(self.driver.title, "Vrijwilliger · Voorveld")
        self.assertTrue(self.find("input[name='beschikbaarheid'][value='ma-ochtend']").is_selected())
        self.assertEqual(self.find("#urenPerWeek").get_attribute("value"), "2")
        self.scan("vrijwilliger")
        self.driver.get(BASE + "/voorzieningen")
        self.assertIn("controleren, ouder dan een jaar", self.text())
        self.scan("voorzieningen")
        # A stale voorziening, checked with its provider: no longer marked.
        stale = self.driver.find_element(By.XPATH, "//tr[td[contains(., 'controleren, ouder dan een jaar')]]/*[1]//a")
        name = stale.text
        stale.click()
        self.scan("voorziening")
        self.submit(self.button("Opslaan en vandaag nagelopen"))
        self.assertIn("De gegevens zijn opgeslagen", self.text())
        self.driver.get(BASE + "/voorzieningen?actualiteit=verouderd")
        self.assertNotIn(name, self.text())
        self.driver.get(BASE + "/voorzieningen/nieuw")
        self.scan("voorziening-nieuw")
        self.driver.get(BASE + "/vrijwilligers/nieuw")
        self.scan("vrijwilliger-nieuw")

    def test_wethouder_opens_the_dashboard_and_downloads_a_csv(self):
        self.log_in("wethouder")
        self.assertRegex(self.find(".groot").text, r"^\d+%$")
        self.assertIn("opgelost met alleen het voorliggend veld", self.text())
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "figure svg[role=img] title"))
        # The chart's numbers are in the table beside it.
        self.assertTrue(self.driver.find_elements(By.XPATH, "//table[caption='Afgesloten hulpvragen per maand' or caption='Afgesloten hulpvragen per kwartaal']"))
        kern_rows = self.driver.find_elements(By.XPATH, "//table[caption='Afgesloten hulpvragen per kern']/tbody/tr")
        self.assertGreater(len(kern_rows), 0)
        self.scan("cijfers")
        for name in os.listdir(DOWNLOADS) if os.path.isdir(DOWNLOADS) else []:
            os.remove(os.path.join(DOWNLOADS, name))
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "Afgesloten hulpvragen per kern downloaden").click()
        WebDriverWait(self.driver, 10).until(
            lambda _: os.path.isdir(DOWNLOADS) and any(n.endswith(".csv") for n in os.listdir(DOWNLOADS)))
        (name,) = [n for n in os.listdir(DOWNLOADS) if n.endswith(".csv")]
        self.assertTrue(name.startswith("per-kern-"), name)
        # For a spreadsheet set to Dutch: UTF-8 with a byte-order mark, semicolons.
        with open(os.path.join(DOWNLOADS, name), encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "Kern;Afgesloten;Alleen voorliggend veld;Voorliggend veld betrokken")
        self.assertEqual(len(lines) - 1, len(kern_rows))
        for line, row in zip(lines[1:], kern_rows):
            self.assertEqual(line.split(";"), [cell.text for cell in row.find_elements(By.XPATH, "./*")])
        # A period that does not exist: the error next to the field, the figures of the default.
        self.driver.get(BASE + "/cijfers?van=2026-05-01&tot=2026-06-15")
        self.assertIn("kies een hele maand, een heel kwartaal of een heel kalenderjaar", self.find("#periode-fout").text)
        self.scan("cijfers-fout")

    def test_unknown_page(self):
        self.log_in("kernteamlid")
        self.driver.get(BASE + "/hulpvragen/00000000-0000-0000-0000-000000000000")
        self.assertEqual(self.find("h1").text, "Niet gevonden")
        self.assertTrue(self.driver.find_elements(By.XPATH, "//header//form[@action='/uitloggen']//button"))
        self.scan("niet-gevonden")


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
