import CalendarDate
import Voorveld

/// The parts of the hulpvraag page: its details, its koppelingen with the next steps, the ranked
/// candidates with their reasons, and closing or nazorg.
struct HulpvraagWeergave {
    let hulpvraag: Hulpvraag
    let namen: Codenamen
    let csrf: String

    var pad: String { "/hulpvragen/\(hulpvraag.id!.uuidString.lowercased())" }

    var gegevens: String {
        let h = hulpvraag
        func ja(_ waarde: Bool) -> String { waarde ? "Ja" : "Nee" }
        var rijen: [(String, String)] = [
            ("Inwoner", h.initialen + (h.geboortejaar.map { ", geboren in \($0)" } ?? "")),
            ("Dossierreferentie", h.dossierreferentie ?? "–"),
            ("Kern", namen.kern(h.kern)),
            ("Kernteam", namen.kernteam(h.kernteam)),
            ("Regisseur", namen.collega(h.regisseur)),
            ("Ontvangen", "\(Pages.datum(h.ontvangenOp)) (\(h.kanaal.naam))"),
            ("Leefgebieden", h.leefgebieden.map(namen.leefgebied).joined(separator: ", ")),
            ("Taken", h.taken.isEmpty ? "–" : h.taken.map(namen.taak).joined(separator: ", ")),
            ("Wanneer", h.dagdelen.isEmpty ? "Geen voorkeur" : h.dagdelen.map(Dagdeel.naam).joined(separator: ", ")),
            ("Duur", h.duur.naam + (h.urenPerWeek.map { ", \($0) uur per week" } ?? "")),
            ("Toestemming voor een vrijwilliger", ja(h.toestemmingVrijwilliger)),
            ("Jongere onder de 18", ja(h.jeugd)),
            ("Gezamenlijk huisbezoek", ja(h.gezamenlijkHuisbezoek)),
        ]
        if h.veiligThuis { rijen.append(("Veilig Thuis-signaal", "Ja: doorverwezen naar het loket")) }
        if !h.omschrijving.isEmpty { rijen.append(("Omschrijving", h.omschrijving)) }
        return #"<dl class="gegevens">"# + rijen.map { "<dt>\(HTML.escape($0))</dt><dd>\(HTML.escape($1))</dd>" }.joined() + "</dl>"
    }

    // MARK: - Koppelingen

    func koppelingen(_ lijst: [Koppeling], redenen: [Afbreekreden]) -> String {
        guard !lijst.isEmpty else { return "<p>Nog geen koppelingen. Kies hieronder een kandidaat.</p>" }
        return lijst.map { koppeling in
            let id = koppeling.id!.uuidString.lowercased()
            let soort = koppeling.vrijwilliger != nil ? "Vrijwilliger" : "Voorziening"
            var details = ["\(soort), \(koppeling.status.naam.lowercased())"]
            if let gestart = koppeling.gestartOp { details.append("gestart op \(Pages.datum(gestart))") }
            if let einde = koppeling.beeindigdOp { details.append("beëindigd op \(Pages.datum(einde))") }
            if let reden = koppeling.reden { details.append("reden: \(redenen.first { $0.code == reden }?.naam ?? reden)") }
            let verder = [KoppelingStatus.geaccepteerd, .gestart, .afgerond].filter(koppeling.status.magNaar).map { status in
                """
                <form method="post" action="/koppelingen/\(id)/status">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(koppeling.versie ?? 0)"><input type="hidden" name="status" value="\(status.rawValue)"><button type="submit" class="tweede">\(HTML.escape(status.actie))<span class="vh"> – \(HTML.escape(koppeling.naam))</span></button></form>
                """
            }
            let afbreken =
                koppeling.status.loopt
                ? """
                <form method="post" action="/koppelingen/\(id)/status">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(koppeling.versie ?? 0)"><input type="hidden" name="status" value="afgebroken">
                <label for="reden-\(id)">Reden om af te breken<span class="vh"> – \(HTML.escape(koppeling.naam))</span></label>
                <select id="reden-\(id)" name="reden" required><option value="">Kies een reden</option>\(redenen.map { #"<option value="\#(HTML.escape($0.code))">\#(HTML.escape($0.naam))</option>"# }.joined())</select>
                <label for="toelichting-\(id)">Toelichting (niet verplicht)<span class="vh"> – \(HTML.escape(koppeling.naam))</span></label>
                <input id="toelichting-\(id)" name="toelichting" type="text" maxlength="1000" autocomplete="off">
                <button type="submit" class="tweede">Afbreken<span class="vh"> – \(HTML.escape(koppeling.naam))</span></button></form>
                """ : ""
            return """
                <div class="kaart"><h3>\(HTML.escape(koppeling.naam))</h3><p>\(HTML.escape(details.joined(separator: "; ")))</p>\(
                    koppeling.contact.map { "<p>Contact: \(HTML.escape($0))</p>" } ?? "")\(koppeling.afsluiting.map { "<p>Notitie: \(HTML.escape($0))</p>" } ?? "")
                <div class="knoppen">\(verder.joined())\(afbreken)</div></div>
                """
        }.joined()
    }

    // MARK: - Candidates

    func kandidaten(_ kandidaten: Kandidaten) -> String {
        if hulpvraag.veiligThuis {
            return
                "<h2>Kandidaten</h2><p>Deze hulpvraag heeft een Veilig Thuis-signaal en is doorverwezen naar het loket: er wordt geen vrijwilliger gezocht.</p>"
        }
        func tabel(_ titel: String, _ lijst: [Kandidaat], uitleg: [String]) -> String {
            let rijen = lijst.map { kandidaat -> [Markup] in
                let veld = kandidaat.soort == .vrijwilliger ? "vrijwilliger" : "voorziening"
                let knop: Markup = """
                    <form method="post" action="\(pad)/koppelingen">\(CSRF.hiddenField(csrf))<input type="hidden" name="\(veld)" value="\(kandidaat.id.uuidString.lowercased())"><button type="submit">Voorstellen<span class="vh"> – \(kandidaat.naam)</span></button></form>
                    """
                let redenen = kandidaat.redenen.map { reden -> Markup in "<li>\(reden)</li>" }
                return ["\(kandidaat.naam)", "\(kandidaat.score)", "<ul>\(redenen)</ul>", knop]
            }
            let waarom = uitleg.isEmpty ? "" : "<p>Niet in de lijst:</p><ul>" + uitleg.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            return "<h3>\(titel)</h3>"
                + Pages.tabel(
                    "\(titel), beste eerst",
                    kop: ["Naam", "Score", "Waarom", "Actie"],
                    rijen: rijen,
                    getallen: [1],
                    leeg: "Geen passende \(titel.lowercased())."
                ).html + waarom
        }
        let combinaties =
            kandidaten.combinaties.isEmpty
            ? ""
            : "<h3>Combinaties</h3><p>Samen dekken zij wat niemand alleen dekt.</p><ul>"
                + kandidaten.combinaties.map { combinatie in
                    "<li>" + HTML.escape(combinatie.onderdelen.map(\.naam).joined(separator: " + ")) + ": " + HTML.escape(combinatie.toelichting)
                        + "</li>"
                }.joined() + "</ul>"
        let vrijwilligers =
            hulpvraag.toestemmingVrijwilliger
            ? tabel("Vrijwilligers", kandidaten.vrijwilligers, uitleg: kandidaten.uitleg.vrijwilligers)
            : "<h3>Vrijwilligers</h3><p>De inwoner gaf geen toestemming voor een vrijwilliger.</p>"
        return "<h2>Kandidaten</h2>" + vrijwilligers
            + tabel("Voorzieningen", kandidaten.voorzieningen, uitleg: kandidaten.uitleg.voorzieningen) + combinaties
    }

    // MARK: - Closing and nazorg

    func afsluitformulier(_ velden: Velden, _ uitkomsten: [Uitkomst]) -> String {
        // A Veilig Thuis signal went to the loket: not solved by the voorliggend veld alone, never with a volunteer.
        let mogelijk = hulpvraag.veiligThuis ? uitkomsten.filter { !$0.alleenVoorliggendVeld } : uitkomsten
        let onderdelen = hulpvraag.veiligThuis ? Onderdeel.allCases.filter { $0 != .vrijwilliger } : Onderdeel.allCases
        let form = """
            <form method="post" action="\(pad)/afsluiting" novalidate>
            \(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(hulpvraag.versie ?? 0)">
            \(velden.keuze("uitkomst", "Uitkomst", opties: mogelijk.map { ($0.code, $0.naam) },
                           hint: hulpvraag.veiligThuis ? "Met een Veilig Thuis-signaal is de hulpvraag naar het loket gegaan." : nil, verplicht: true))
            \(velden.vinkjes("onderdelen", "Wat hielp? (bij een oplossing met het voorliggend veld)", opties: onderdelen.map { ($0.rawValue, $0.naam) }))
            \(velden.tekst("afgeslotenOp", "Afgesloten op", type: "date", verplicht: true))
            <p><button type="submit">Hulpvraag afsluiten</button></p>
            </form>
            """
        return """
            <h2 id="afsluiten">Afsluiten</h2>
            <p>Bij een oplossing met het voorliggend veld plant Voorveld de nazorg: dan vraagt u na of het nog werkt.</p>
            \(velden.samenvatting("De hulpvraag is nog niet afgesloten"))\(form)
            """
    }

    func afgesloten(_ uitkomsten: [Uitkomst]) -> String {
        guard let afsluiting = hulpvraag.afsluiting else { return "" }
        let uitkomst = uitkomsten.first { $0.code == afsluiting.uitkomst }?.naam ?? afsluiting.uitkomst
        var tekst = "<h2>Afgesloten</h2><p>Op \(Pages.datum(afsluiting.afgeslotenOp)): \(HTML.escape(uitkomst))"
        if !afsluiting.onderdelen.isEmpty {
            tekst += " (" + HTML.escape(afsluiting.onderdelen.map(\.naam).joined(separator: ", ").lowercased()) + ")"
        }
        tekst += ".</p>"
        guard let nazorgOp = afsluiting.nazorgOp else { return tekst }
        if let opgelost = hulpvraag.nazorgOpgelost {
            return tekst + "<h2>Nazorg</h2><p>Nagevraagd: \(opgelost ? "de oplossing werkt nog" : "de oplossing werkt niet meer").</p>"
        }
        return tekst + """
            <h2 id="nazorg">Nazorg</h2>
            <p>Gepland op \(Pages.datum(nazorgOp)).</p>
            <form method="post" action="\(pad)/nazorg">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(hulpvraag.versie ?? 0)">
            <fieldset><legend>Werkt de oplossing nog?</legend><div class="keuzes">
            <span><input type="radio" id="opgelost-ja" name="opgelost" value="ja" required><label for="opgelost-ja">Ja, het is nog opgelost</label></span>
            <span><input type="radio" id="opgelost-nee" name="opgelost" value="nee"><label for="opgelost-nee">Nee</label></span></div></fieldset>
            <p><button type="submit">Nazorg vastleggen</button></p></form>
            """
    }
}
