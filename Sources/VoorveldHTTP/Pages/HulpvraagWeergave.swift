import CalendarDate
import Voorveld

/// The parts of the hulpvraag page: its details, its koppelingen with the next steps, the ranked
/// candidates with their reasons, and closing or nazorg.
struct HulpvraagWeergave {
    let hulpvraag: Hulpvraag
    let namen: Codenamen
    let csrf: String

    var pad: String { "/hulpvragen/\(hulpvraag.id!.uuidString.lowercased())" }

    var gegevens: Markup {
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
        let regels = rijen.map { naam, waarde -> Markup in "<dt>\(naam)</dt><dd>\(waarde)</dd>" }
        return #"<dl class="gegevens">\#(regels)</dl>"#
    }

    // MARK: - Koppelingen

    func koppelingen(_ lijst: [Koppeling], redenen: [Afbreekreden]) -> Markup {
        guard !lijst.isEmpty else { return "<p>Nog geen koppelingen. Kies hieronder een kandidaat.</p>" }
        let kaarten = lijst.map { koppeling -> Markup in
            let id = koppeling.id!.uuidString.lowercased()
            let soort = koppeling.vrijwilliger != nil ? "Vrijwilliger" : "Voorziening"
            var details = ["\(soort), \(koppeling.status.naam.lowercased())"]
            if let gestart = koppeling.gestartOp { details.append("gestart op \(Pages.datum(gestart))") }
            if let einde = koppeling.beeindigdOp { details.append("beëindigd op \(Pages.datum(einde))") }
            if let reden = koppeling.reden { details.append("reden: \(redenen.first { $0.code == reden }?.naam ?? reden)") }
            let verder = [KoppelingStatus.geaccepteerd, .gestart, .afgerond].filter(koppeling.status.magNaar).map { status -> Markup in
                """
                <form method="post" action="/koppelingen/\(id)/status">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(koppeling.versie ?? 0)"><input type="hidden" name="status" value="\(status.rawValue)"><button type="submit" class="tweede">\(status.actie)<span class="vh"> – \(koppeling.naam)</span></button></form>
                """
            }
            let opties = redenen.map { reden -> Markup in #"<option value="\#(reden.code)">\#(reden.naam)</option>"# }
            let afbreken: Markup =
                koppeling.status.loopt
                ? """
                <form method="post" action="/koppelingen/\(id)/status">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(koppeling.versie ?? 0)"><input type="hidden" name="status" value="afgebroken">
                <label for="reden-\(id)">Reden om af te breken<span class="vh"> – \(koppeling.naam)</span></label>
                <select id="reden-\(id)" name="reden" required><option value="">Kies een reden</option>\(opties)</select>
                <label for="toelichting-\(id)">Toelichting (niet verplicht)<span class="vh"> – \(koppeling.naam)</span></label>
                <input id="toelichting-\(id)" name="toelichting" type="text" maxlength="1000" autocomplete="off">
                <button type="submit" class="tweede">Afbreken<span class="vh"> – \(koppeling.naam)</span></button></form>
                """ : .leeg
            let contact = koppeling.contact.map { contact -> Markup in "<p>Contact: \(contact)</p>" }
            let notitie = koppeling.afsluiting.map { notitie -> Markup in "<p>Notitie: \(notitie)</p>" }
            return """
                <div class="kaart"><h3>\(koppeling.naam)</h3><p>\(details.joined(separator: "; "))</p>\(contact)\(notitie)
                <div class="knoppen">\(verder)\(afbreken)</div></div>
                """
        }
        return "\(kaarten)"
    }

    // MARK: - Candidates

    func kandidaten(_ kandidaten: Kandidaten) -> Markup {
        if hulpvraag.veiligThuis {
            return
                "<h2>Kandidaten</h2><p>Deze hulpvraag heeft een Veilig Thuis-signaal en is doorverwezen naar het loket: er wordt geen vrijwilliger gezocht.</p>"
        }
        func tabel(_ titel: String, _ lijst: [Kandidaat], uitleg: [String]) -> Markup {
            let rijen = lijst.map { kandidaat -> [Markup] in
                let veld = kandidaat.soort == .vrijwilliger ? "vrijwilliger" : "voorziening"
                let knop: Markup = """
                    <form method="post" action="\(pad)/koppelingen">\(CSRF.hiddenField(csrf))<input type="hidden" name="\(veld)" value="\(kandidaat.id.uuidString.lowercased())"><button type="submit">Voorstellen<span class="vh"> – \(kandidaat.naam)</span></button></form>
                    """
                let redenen = kandidaat.redenen.map { reden -> Markup in "<li>\(reden)</li>" }
                return ["\(kandidaat.naam)", "\(kandidaat.score)", "<ul>\(redenen)</ul>", knop]
            }
            let punten = uitleg.map { regel -> Markup in "<li>\(regel)</li>" }
            let waarom: Markup = uitleg.isEmpty ? .leeg : "<p>Niet in de lijst:</p><ul>\(punten)</ul>"
            let lijsttabel = Pages.tabel(
                "\(titel), beste eerst",
                kop: ["Naam", "Score", "Waarom", "Actie"],
                rijen: rijen,
                getallen: [1],
                leeg: "Geen passende \(titel.lowercased())."
            )
            return "<h3>\(titel)</h3>\(lijsttabel)\(waarom)"
        }
        let regels = kandidaten.combinaties.map { combinatie -> Markup in
            "<li>\(combinatie.onderdelen.map(\.naam).joined(separator: " + ")): \(combinatie.toelichting)</li>"
        }
        let combinaties: Markup =
            kandidaten.combinaties.isEmpty ? .leeg : "<h3>Combinaties</h3><p>Samen dekken zij wat niemand alleen dekt.</p><ul>\(regels)</ul>"
        let vrijwilligers: Markup =
            hulpvraag.toestemmingVrijwilliger
            ? tabel("Vrijwilligers", kandidaten.vrijwilligers, uitleg: kandidaten.uitleg.vrijwilligers)
            : "<h3>Vrijwilligers</h3><p>De inwoner gaf geen toestemming voor een vrijwilliger.</p>"
        let voorzieningen = tabel("Voorzieningen", kandidaten.voorzieningen, uitleg: kandidaten.uitleg.voorzieningen)
        return "<h2>Kandidaten</h2>\(vrijwilligers)\(voorzieningen)\(combinaties)"
    }

    // MARK: - Closing and nazorg

    func afsluitformulier(_ velden: Velden, _ uitkomsten: [Uitkomst]) -> Markup {
        // A Veilig Thuis signal went to the loket: not solved by the voorliggend veld alone, never with a volunteer.
        let mogelijk = hulpvraag.veiligThuis ? uitkomsten.filter { !$0.alleenVoorliggendVeld } : uitkomsten
        let onderdelen = hulpvraag.veiligThuis ? Onderdeel.allCases.filter { $0 != .vrijwilliger } : Onderdeel.allCases
        let form: Markup = """
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

    func afgesloten(_ uitkomsten: [Uitkomst]) -> Markup {
        guard let afsluiting = hulpvraag.afsluiting else { return .leeg }
        let uitkomst = uitkomsten.first { $0.code == afsluiting.uitkomst }?.naam ?? afsluiting.uitkomst
        let wat = afsluiting.onderdelen.isEmpty ? "" : " (" + afsluiting.onderdelen.map(\.naam).joined(separator: ", ").lowercased() + ")"
        let tekst: Markup = "<h2>Afgesloten</h2><p>Op \(Pages.datum(afsluiting.afgeslotenOp)): \(uitkomst)\(wat).</p>"
        guard let nazorgOp = afsluiting.nazorgOp else { return tekst }
        if let opgelost = hulpvraag.nazorgOpgelost {
            return "\(tekst)<h2>Nazorg</h2><p>Nagevraagd: \(opgelost ? "de oplossing werkt nog" : "de oplossing werkt niet meer").</p>"
        }
        return """
            \(tekst)<h2 id="nazorg">Nazorg</h2>
            <p>Gepland op \(Pages.datum(nazorgOp)).</p>
            <form method="post" action="\(pad)/nazorg">\(CSRF.hiddenField(csrf))<input type="hidden" name="versie" value="\(hulpvraag.versie ?? 0)">
            <fieldset><legend>Werkt de oplossing nog?</legend><div class="keuzes">
            <span><input type="radio" id="opgelost-ja" name="opgelost" value="ja" required><label for="opgelost-ja">Ja, het is nog opgelost</label></span>
            <span><input type="radio" id="opgelost-nee" name="opgelost" value="nee"><label for="opgelost-nee">Nee</label></span></div></fieldset>
            <p><button type="submit">Nazorg vastleggen</button></p></form>
            """
    }
}
