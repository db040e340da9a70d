import Testing
import Voorveld

@Suite("CSV reading")
struct CSVTests {
    @Test("quoted fields with commas, quotes and line breaks; BOM and CRLF")
    func quoting() throws {
        let text = "\u{FEFF}naam,omschrijving,aantal\r\n\"Soos, Heteren\",\"Koffie en \"\"spelletjes\"\"\nop donderdag\",3\r\nTaalcafé,,\n\n"
        let table = try CSVTable(text, requiredColumns: ["naam", "aantal"])
        #expect(table.header == ["naam", "omschrijving", "aantal"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0]["naam"] == "Soos, Heteren")
        #expect(table.rows[0]["omschrijving"] == "Koffie en \"spelletjes\"\nop donderdag")
        #expect(table.rows[0]["aantal"] == "3")
        #expect(table.rows[1].line == 4)
        #expect(table.rows[1]["naam"] == "Taalcafé")
        #expect(table.rows[1]["omschrijving"] == "")
        #expect(table.rows[1]["bestaat-niet"] == "")
    }

    @Test("lists split on semicolons")
    func lists() throws {
        let table = try CSVTable("dagdelen\n\"di-ochtend; do-middag;;\"\n")
        #expect(table.rows[0].list("dagdelen") == ["di-ochtend", "do-middag"])
    }

    @Test("errors name the line")
    func errors() {
        #expect(throws: CSVError(line: 2, message: "aanhalingsteken niet gesloten")) { try CSVTable("a,b\n\"open,1\n") }
        #expect(throws: CSVError(line: 3, message: "3 velden, maar de kopregel heeft er 2")) { try CSVTable("a,b\n1,2\n1,2,3\n") }
        #expect(throws: CSVError(line: 1, message: "kolom ontbreekt in de kopregel: c")) { try CSVTable("a,b\n", requiredColumns: ["c"]) }
        #expect(throws: CSVError.self) { try CSVTable("") }
    }

    @Test("codes and gemeentecodes")
    func codes() {
        #expect(Code.isValid("elst-noord"))
        #expect(Code.isValid("a1"))
        #expect(!Code.isValid("Elst"))
        #expect(!Code.isValid("-elst"))
        #expect(!Code.isValid("elst--noord"))
        #expect(!Code.isValid(""))
        #expect(Code.isGemeentecode("GM1734"))
        #expect(!Code.isGemeentecode("GM173"))
        #expect(!Code.isGemeentecode("gm1734"))
        #expect(!Code.isGemeentecode("GM17a4"))
    }
}
