import Voorveld

/// Renders a form's fields with what the user typed and, next to each field, its errors; the
/// labels it rendered name the errors in the summary at the top (`samenvatting`). One instance
/// renders one form.
final class Velden {
    let formulier: Formulier
    let fouten: [Veldfout]
    /// Whether labels of fields that may stay empty say so; not in a list's filters, which all may.
    let optioneelMarkeren: Bool
    /// The label of every field rendered, for the summary.
    private var labels: [String: String] = [:]
    /// The fields this form rendered: the summary links to them.
    private var gerenderd: Set<String> = []

    /// - Parameter labels: names for fields an error can name that the form does not show.
    init(_ formulier: Formulier = Formulier(), fouten: [Veldfout] = [], optioneelMarkeren: Bool = true, labels: [String: String] = [:]) {
        self.formulier = formulier
        self.fouten = fouten
        self.optioneelMarkeren = optioneelMarkeren
        self.labels = labels
    }

    private func label(_ label: String, verplicht: Bool) -> Markup {
        verplicht || !optioneelMarkeren ? "\(label)" : "\(label) (niet verplicht)"
    }

    /// Errors of a field (and of its parts, `zrmScores.financien`).
    private func meldingen(_ naam: String) -> [String] {
        fouten.filter { $0.veld == naam || $0.veld.hasPrefix(naam + ".") }.map(\.melding)
    }

    /// "Initialen is verplicht", "Kern: onbekende kern 'x'".
    static func zin(_ label: String, _ melding: String) -> String {
        if label.hasSuffix("?") { return "\(label) \(melding.prefix(1).uppercased())\(melding.dropFirst())" }
        return melding.hasPrefix("is ") || melding.hasPrefix("moet ") ? "\(label) \(melding)" : "\(label): \(melding)"
    }

    private func foutHTML(_ naam: String, _ label: String) -> Markup {
        let meldingen = meldingen(naam)
        guard !meldingen.isEmpty else { return .leeg }
        let regels = meldingen.enumerated().map { index, melding -> Markup in
            index == 0 ? "\(Self.zin(label, melding))" : "<br>\(Self.zin(label, melding))"
        }
        return #"<p class="fout" id="\#(naam)-fout">\#(regels)</p>"#
    }

    /// `aria-invalid` and `aria-describedby` (hint, error) for a field.
    private func beschreven(_ naam: String, hint: String?) -> Markup {
        let fout = !meldingen(naam).isEmpty
        let ids = [hint == nil ? nil : "\(naam)-hint", fout ? "\(naam)-fout" : nil].compactMap { $0 }
        let ongeldig: Markup = fout ? #" aria-invalid="true""# : .leeg
        let beschrijving: Markup = ids.isEmpty ? .leeg : #" aria-describedby="\#(ids.joined(separator: " "))""#
        return "\(ongeldig)\(beschrijving)"
    }

    private func hintHTML(_ naam: String, _ hint: String?) -> Markup {
        hint.map { #"<p class="hint" id="\#(naam)-hint">\#($0)</p>"# } ?? .leeg
    }

    private func omhul(_ naam: String, _ html: Markup) -> Markup {
        meldingen(naam).isEmpty ? "<div>\(html)</div>" : #"<div class="fout-veld">\#(html)</div>"#
    }

    private static let verplichtAttribuut: Markup = " required"
    private static let aangevinkt: Markup = " checked"
    private static let gekozenAttribuut: Markup = " selected"

    /// A one-line text field; `type` is `text`, `date`, `number`, `email` or `tel`; `attributen`
    /// are more attributes, e.g. `#" min="1""#`.
    func tekst(
        _ naam: String,
        _ label: String,
        type: String = "text",
        hint: String? = nil,
        verplicht: Bool = false,
        attributen: Markup = .leeg
    ) -> Markup {
        labels[naam] = label
        gerenderd.insert(naam)
        let waarde: Markup = formulier[naam].map { #" value="\#($0)""# } ?? .leeg
        return omhul(
            naam,
            """
            <p><label for="\(naam)">\(self.label(label, verplicht: verplicht))</label>\(hintHTML(naam, hint))
            <input id="\(naam)" name="\(naam)" type="\(type)"\(waarde)\(verplicht ? Self.verplichtAttribuut : .leeg)\(beschreven(naam, hint: hint))\(attributen)></p>\(foutHTML(naam, label))
            """
        )
    }

    func tekstvak(_ naam: String, _ label: String, hint: String? = nil, rijen: Int = 4) -> Markup {
        labels[naam] = label
        gerenderd.insert(naam)
        return omhul(
            naam,
            """
            <p><label for="\(naam)">\(self.label(label, verplicht: false))</label>\(hintHTML(naam, hint))
            <textarea id="\(naam)" name="\(naam)" rows="\(rijen)"\(beschreven(naam, hint: hint))>\(formulier[naam] ?? "")</textarea></p>\(foutHTML(naam, label))
            """
        )
    }

    /// A drop-down list of `(code, naam)`; `leeg` adds a first option without a value.
    func keuze(
        _ naam: String,
        _ label: String,
        opties: [(code: String, naam: String)],
        leeg: String? = "Kies…",
        hint: String? = nil,
        verplicht: Bool = false
    ) -> Markup {
        labels[naam] = label
        gerenderd.insert(naam)
        let gekozen = formulier[naam]
        let options: [Markup] =
            (leeg.map { [#"<option value="">\#($0)</option>"#] } ?? [])
            + opties.map { #"<option value="\#($0.code)"\#($0.code == gekozen ? Self.gekozenAttribuut : .leeg)>\#($0.naam)</option>"# }
        return omhul(
            naam,
            """
            <p><label for="\(naam)">\(self.label(label, verplicht: verplicht))</label>\(hintHTML(naam, hint))
            <select id="\(naam)" name="\(naam)"\(verplicht ? Self.verplichtAttribuut : .leeg)\(beschreven(naam, hint: hint))>\(options)</select></p>\(foutHTML(naam, label))
            """
        )
    }

    /// A group of checkboxes, one per `(code, naam)`.
    func vinkjes(_ naam: String, _ legend: String, opties: [(code: String, naam: String)], hint: String? = nil) -> Markup {
        labels[naam] = legend
        gerenderd.insert(naam)
        let boxes = opties.enumerated().map { index, optie -> Markup in
            let vinkje = formulier.heeft(naam, waarde: optie.code) ? Self.aangevinkt : .leeg
            return
                #"<span><input type="checkbox" id="\#(naam)-\#(index)" name="\#(naam)" value="\#(optie.code)"\#(vinkje)><label for="\#(naam)-\#(index)">\#(optie.naam)</label></span>"#
        }
        return omhul(
            naam,
            """
            <fieldset id="\(naam)"\(beschreven(naam, hint: hint))><legend>\(legend)</legend>\(hintHTML(naam, hint))
            <div class="keuzes">\(boxes)</div></fieldset>\(foutHTML(naam, legend))
            """
        )
    }

    /// A question that must be answered yes or no (`ja`, `nee`); nothing is chosen beforehand.
    func jaNee(_ naam: String, _ legend: String, ja: String, nee: String, hint: String? = nil) -> Markup {
        labels[naam] = legend
        gerenderd.insert(naam)
        let keuzes = [("ja", ja), ("nee", nee)].map { waarde, label -> Markup in
            let gekozen = formulier[naam] == waarde ? Self.aangevinkt : .leeg
            return
                #"<span><input type="radio" id="\#(naam)-\#(waarde)" name="\#(naam)" value="\#(waarde)"\#(gekozen)><label for="\#(naam)-\#(waarde)">\#(label)</label></span>"#
        }
        return omhul(
            naam,
            """
            <fieldset id="\(naam)"\(beschreven(naam, hint: hint))><legend>\(legend)</legend>\(hintHTML(naam, hint))
            <div class="keuzes">\(keuzes)</div></fieldset>\(foutHTML(naam, legend))
            """
        )
    }

    /// One yes/no checkbox (checked sends `ja`).
    func vinkje(_ naam: String, _ label: String, hint: String? = nil) -> Markup {
        labels[naam] = label
        gerenderd.insert(naam)
        return omhul(
            naam,
            """
            <p class="keuzes"><span><input type="checkbox" id="\(naam)" name="\(naam)" value="ja"\(formulier[naam] == "ja" ? Self.aangevinkt : .leeg)\(beschreven(naam, hint: hint))><label for="\(naam)">\(label)</label></span></p>\(hintHTML(naam, hint))\(foutHTML(naam, label))
            """
        )
    }

    static let dagnamen = ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag"]

    /// The week as a 7x3 grid of dayparts (`ma-ochtend` ... `zo-avond`).
    func dagdelen(_ naam: String, _ legend: String, hint: String? = nil) -> Markup {
        labels[naam] = legend
        gerenderd.insert(naam)
        let kop = Dagdeel.delen.map { deel -> Markup in #"<th scope="col">\#(deel.capitalized)</th>"# }
        let rijen = zip(Dagdeel.dagen, Self.dagnamen).map { dag, dagnaam -> Markup in
            let cellen = Dagdeel.delen.map { deel -> Markup in
                let code = "\(dag)-\(deel)"
                let vinkje = formulier.heeft(naam, waarde: code) ? Self.aangevinkt : .leeg
                return
                    #"<td><input type="checkbox" id="\#(naam)-\#(code)" name="\#(naam)" value="\#(code)"\#(vinkje)><label class="vh" for="\#(naam)-\#(code)">\#(dagnaam) \#(deel)</label></td>"#
            }
            return #"<tr><th scope="row">\#(dagnaam)</th>\#(cellen)</tr>"#
        }
        return omhul(
            naam,
            """
            <fieldset id="\(naam)"\(beschreven(naam, hint: hint))><legend>\(legend)</legend>\(hintHTML(naam, hint))
            <table class="dagdelen"><thead><tr><td></td>\(kop)</tr></thead><tbody>\(rijen)</tbody></table></fieldset>\(foutHTML(naam, legend))
            """
        )
    }

    /// Every error at the top, each linking to its field; call after rendering the fields.
    func samenvatting(_ titel: String) -> Markup {
        guard !fouten.isEmpty else { return .leeg }
        let items = fouten.map { fout -> Markup in
            let veld = fout.veld.split(separator: ".").first.map(String.init) ?? fout.veld
            let zin = Self.zin(labels[veld] ?? fout.veld, fout.melding)
            return gerenderd.contains(veld) ? "<li><a href=\"#\(veld)\">\(zin)</a></li>" : "<li>\(zin)</li>"
        }
        return #"<div role="alert" tabindex="-1" id="fouten"><h2>\#(titel)</h2><ul>\#(items)</ul></div>"#
    }
}
