import Foundation
import Testing
import Voorveld

@Suite("Kinds of text")
struct TekstsoortTests {
    @Test("one rule per kind of text: names refuse every bidi and invisible character, free text keeps tabs and lines, and text is stored in NFC")
    func rules() {
        let tekstrichting: [UInt32] = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        let onzichtbaar: [UInt32] = [
            0x0000, 0x0007, 0x0009, 0x000A, 0x000D, 0x001B, 0x007F, 0x0085, 0x00AD, 0x200B, 0x200C, 0x200D, 0x2028,
            0x2029, 0x2060, 0x3164, 0xFE0F, 0xFEFF,
        ]
        for value in tekstrichting + onzichtbaar {
            let teken = String(Unicode.Scalar(value)!)
            #expect(Tekstsoort.naam.fout(in: "Jo" + teken + "ke") != nil, "U+\(String(value, radix: 16))")
            #expect(Tekstsoort.referentie.fout(in: "vw" + teken + "1") != nil, "U+\(String(value, radix: 16))")
        }
        for value in tekstrichting + [0x0000, 0x0007, 0x001B, 0x007F] {
            #expect(Tekstsoort.vrijeTekst.fout(in: "Post " + String(Unicode.Scalar(value)!) + " bijhouden") != nil, "U+\(String(value, radix: 16))")
        }
        #expect(Tekstsoort.vrijeTekst.fout(in: "Regel\n\tnog een\r\nen nog een") == nil)
        #expect(Tekstsoort.vrijeTekst.fout(in: "a\u{0}b") == Veldlezer.ongeldigTeken)
        // Every script's letters are names; only what cannot be seen is not.
        for naam in ["Renée", "Çelik", "O'Brien", "Nguyễn", "Жанна", "محمد", "Zoë-Anne van der Berg"] {
            #expect(Tekstsoort.naam.fout(in: Tekstsoort.opgeslagen(naam)) == nil, "\(naam)")
        }
        #expect(Array(Tekstsoort.opgeslagen("  Rene\u{301}e \n").unicodeScalars) == Array("Ren\u{E9}e".unicodeScalars))
        #expect(Array(Tekstsoort.opgeslagen("Nguye\u{302}\u{303}n").unicodeScalars) == Array("Nguy\u{1EC5}n".unicodeScalars))
        // Referenties: ASCII letters, digits and - _ . /, beginning with a letter or digit.
        for referentie in ["vw-0001", "vz-001", "DEMO-HV-01", "RS/2026.11_3", "0"] {
            #expect(Tekstsoort.referentie.fout(in: referentie) == nil, "\(referentie)")
        }
        for referentie in ["-vw", ".vw", "_vw", "/vw", "vw 1", "vw-é", "vw-\u{0430}", "vw-0\u{043E}1", "=1+1"] {
            #expect(Tekstsoort.referentie.fout(in: referentie)?.hasPrefix(Tekstsoort.referentieMelding) == true, "\(referentie)")
        }
    }
}
