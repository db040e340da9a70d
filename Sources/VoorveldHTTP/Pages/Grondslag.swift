/// What an edit form was made from: the record's version, so a save cannot overwrite someone
/// else's (optimistic concurrency), and a fingerprint of each field, so that when someone else
/// saved first the page can name the fields *they* changed rather than the ones this user did.
/// Both travel as hidden fields (`versie`, `afdruk`).
struct Grondslag: Sendable, Equatable {
    var versie: Int
    /// One fingerprint per field, in the order of the page's field list, joined by ".".
    var afdruk: String

    static let velden: Set<String> = ["versie", "afdruk"]

    /// The basis of a form filled from a stored record (`formulier`, with fields `velden`).
    init(versie: Int, _ formulier: Formulier, velden: [String]) {
        self.versie = versie
        afdruk = velden.map { Self.vingerafdruk(formulier.waarden($0)) }.joined(separator: ".")
    }

    /// The basis a posted form carries; nil without a version. A missing or damaged fingerprint
    /// only means the changed fields cannot be named.
    init?(geplaatst formulier: Formulier) {
        guard let versie = formulier.versie else { return nil }
        self.versie = versie
        afdruk = formulier["afdruk"] ?? ""
    }

    var verborgenVelden: Markup {
        #"<input type="hidden" name="versie" value="\#(versie)"><input type="hidden" name="afdruk" value="\#(afdruk)">"#
    }

    /// The fields whose stored value (`nu`) differs from what the form was made from; nil when
    /// the fingerprint does not fit the field list.
    func gewijzigd(_ nu: Formulier, velden: [String]) -> [String]? {
        let oud = afdruk.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard oud.count == velden.count else { return nil }
        return zip(velden, oud).filter { veld, afdruk in Self.vingerafdruk(nu.waarden(veld)) != afdruk }.map(\.0)
    }

    /// The message at the top of a form someone else saved first: the fields they changed
    /// (`gewijzigd`, named by `labels`), and that what this user typed is still there.
    static func andermansWijziging(_ soort: String, gewijzigd: [String]?, labels: [String: String]) -> Markup {
        let namen = (gewijzigd ?? []).map { labels[$0] ?? $0 }
        return Pages.nietOpgeslagen(
            "Iemand anders heeft deze \(soort) intussen gewijzigd"
                + (namen.isEmpty ? "." : ", in: \(namen.joined(separator: ", ")).")
                + " Hieronder staat wat u invulde; kijk het na en sla opnieuw op."
        )
    }

    /// FNV-1a (32 bits) of a field's non-empty values in a fixed order: change detection only,
    /// never a secret.
    static func vingerafdruk(_ waarden: [String]) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in waarden.filter({ !$0.isEmpty }).sorted().joined(separator: "\u{1F}").utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
