import Foundation
import Testing

@testable import VoorveldHTTP

/// Markup escapes every value it is given: the page that uses it cannot forget to.
@Suite("Markup escapes by default")
struct MarkupTests {
    @Test("text interpolated into markup is escaped, markup is not, and a page's pieces join")
    func escapesValues() {
        let naam = #"Jo"><script>alert('x')</script>&"#
        let veld: Markup = #"<input value="\#(naam)">"#
        #expect(veld.html == #"<input value="Jo&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">"#)
        let lijst: Markup = "<ul>\([Markup]([ "<li>\("a<b")</li>", "<li>\(3)</li>" ]))</ul>"
        #expect(lijst.html == "<ul><li>a&lt;b</li><li>3</li></ul>")
        let leeg: Markup? = nil
        #expect(("<p>\(leeg)</p>" as Markup).html == "<p></p>")
        // The page frame escapes the title and the menu's user name.
        let pagina = Layout.page(title: "<b>", body: "<p>\(naam)</p>")
        #expect(pagina.html.contains("<title>&lt;b&gt; · Voorveld</title>"))
        #expect(!pagina.html.contains("<script>"))
    }
}
