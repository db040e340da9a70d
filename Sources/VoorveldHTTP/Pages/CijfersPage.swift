import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The wethouder's dashboard (`/cijfers`): the voorliggend-veld percentage large with its
/// definition, its trend per month as a chart with the same numbers in a table, the tables per
/// kern, per leefgebied and of intake, the signals, and every table as CSV
/// (`/cijfers/{tabel}`). The figures are the API's, with the same disclosure control.
struct CijfersPage {
    let pool: ConnectionPool
    let service: CijfersService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/cijfers", use: toon)
        router.get("/cijfers/{tabel}", use: download)
    }

    /// A table of the dashboard, as text: shown as HTML and downloaded as CSV alike.
    struct Tabel {
        var id: String
        var titel: String
        var kop: [String]
        var rijen: [[String]]
        /// Columns with numbers (right-aligned).
        var getallen: Set<Int>

        var html: Markup {
            Pages.tabel(titel, kop: kop, rijen: rijen.map { $0.map { "\($0)" } }, getallen: getallen, leeg: "Geen gegevens in deze periode.")
        }

        /// For a spreadsheet set to Dutch: semicolons, decimal commas, UTF-8 with a byte-order mark.
        var csv: String { CSVExport.render(header: kop, rows: rijen, separator: ";") }
    }

    struct Periode {
        var periode: Cijferperiode
        var van: CalendarDate { periode.van }
        var tot: CalendarDate { periode.tot }
        var formulier: Formulier
        var fouten: [Veldfout]
    }

    /// The period asked for: `periode=2026-K3` (or `van` and `tot` that make one), a whole month,
    /// quarter or year, as disclosure control allows (`Cijferperiode`); this year unless given.
    static func periode(_ request: Request) -> Periode {
        let standaard = Cijferperiode.jaar(CalendarDate.vandaag().year)
        var fouten: [Veldfout] = []
        var periode = standaard
        if let code = Pages.query(request, "periode") {
            if let gekozen = Cijferperiode(code: code) {
                periode = gekozen
            } else {
                fouten.append(Veldfout(veld: "periode", melding: "'\(code)' is geen periode: \(Cijferperiode.uitleg)"))
            }
        } else if let van = Pages.query(request, "van"), let tot = Pages.query(request, "tot") {
            if let van = CalendarDate(iso: van), let tot = CalendarDate(iso: tot), let gekozen = Cijferperiode(van: van, tot: tot) {
                periode = gekozen
            } else {
                fouten.append(Veldfout(veld: "periode", melding: "van \(van) tot en met \(tot) is geen hele periode: \(Cijferperiode.uitleg)"))
            }
        }
        return Periode(periode: periode, formulier: Formulier([("periode", periode.code)]), fouten: fouten)
    }

    @Sendable func toon(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder)
        let periode = Self.periode(request)
        let cijfers = try await cijfers(gebruiker, context, periode, verloop: Pages.query(request, "verloop"))
        let velden = Velden(periode.formulier, fouten: periode.fouten)
        let query = "periode=\(periode.periode.code)"
        let keuzes = Cijferperiode.keuzes(tot: .vandaag()).map { (code: $0.code, naam: Self.periodenaam($0)) }
        func sectie(_ id: String, _ toelichting: Markup = .leeg) -> Markup {
            guard let tabel = cijfers.tabel(id) else { return .leeg }
            return #"\#(tabel.html)\#(toelichting)<p><a href="/cijfers/\#(tabel.id)?\#(query)" download>\#(tabel.titel) downloaden (CSV)</a></p>"#
        }
        guard let totaal = cijfers.voorliggendVeld?.totaal, let verloop = cijfers.verloop, let signalen = cijfers.signalen else {
            throw Problem(status: .internalServerError, detail: "De cijfers zijn onvolledig gelezen.")
        }
        let groot = totaal.alleenVoorliggendVeld.percentage.map { "\(Int($0))%" } ?? "–"
        let betrokken = totaal.voorliggendVeldBetrokken.percentage.map { "\(Int($0))%" } ?? "–"
        let status = periode.fouten.isEmpty ? HTTPResponse.Status.ok : .badRequest
        return try Pages.toon(request, context: context, gebruiker, titel: "Cijfers", huidig: "/cijfers", status: status) { _ in
            """
            <h1>Voorliggend veld in cijfers</h1>
            \(velden.samenvatting("De periode klopt niet"))
            <form class="filters" method="get" action="/cijfers">
            \(velden.keuze("periode", "Periode", opties: keuzes, leeg: nil, verplicht: true))
            <p><button type="submit">Toon periode</button></p>
            </form>
            <p>Periode: \(Self.periodenaam(periode.periode)), \(Pages.datum(periode.van)) tot en met \(Pages.datum(periode.tot)).</p>
            <p class="hint">\(service.onthulling.uitleg)</p>
            <h2>Opgelost in het voorliggend veld</h2>
            <p class="groot">\(groot)</p>
            <p>\(VoorliggendVeldCijfers.definities["alleenVoorliggendVeld"]!)</p>
            <p>Met het voorliggend veld betrokken (ook samen met maatwerk): <strong>\(betrokken)</strong>.
            \(VoorliggendVeldCijfers.definities["ingetrokken"]!)</p>
            <h2>Verloop per \(verloop.per)</h2>
            \(verloop.per == "kwartaal" && Pages.query(request, "verloop") != "kwartaal"
                ? "<p>Per maand zijn de aantallen te klein om te tonen; daarom per kwartaal.</p>" as Markup : .leeg)
            \(Self.grafiek(verloop))
            \(sectie("verloop"))
            <p><a href="/cijfers?\(query)&amp;verloop=\(verloop.per == "maand" ? "kwartaal" : "maand")">Verloop per \(verloop.per == "maand" ? "kwartaal" : "maand") tonen</a></p>
            <h2>Per kern</h2>
            \(sectie("per-kern"))
            <h2>Per leefgebied</h2>
            \(sectie("per-leefgebied", "<p>Een hulpvraag met meer leefgebieden telt bij elk ervan.</p>"))
            <h2>Instroom per kernteam per maand</h2>
            \(sectie("instroom"))
            <h2>Kanalen en jongeren</h2>
            \(sectie("kanalen"))
            \(sectie("overig"))
            <h2>Signalen</h2>
            <p>Over de twaalf volle maanden tot en met \(Pages.datum(CalendarDate(iso: signalen.tot))).</p>
            \(sectie("dalende-instroom"))
            \(sectie("tekorten"))
            """
        }
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder)
        let naam = try context.parameters.require("tabel")
        let periode = Self.periode(request)
        guard periode.fouten.isEmpty else { throw Problem.invalid(periode.fouten) }
        guard Self.tabelIds.contains(naam),
            let tabel = try await cijfers(gebruiker, context, periode, verloop: Pages.query(request, "verloop"), tabel: naam).tabel(naam)
        else { throw Problem.notFound("Er is geen tabel '\(naam)'.") }
        return CSVExport.response(tabel.csv, filename: "\(tabel.id)-\(periode.periode.code).csv")
    }

    struct Cijfers {
        /// The whole period, for the large percentage; nil when only a download's table was read.
        var voorliggendVeld: VoorliggendVeldCijfers?
        /// Per month, or per quarter when asked or when too few months may be shown.
        var verloop: VoorliggendVeldCijfers?
        var signalen: Signalen?
        var tabellen: [Tabel]

        func tabel(_ id: String) -> Tabel? { tabellen.first { $0.id == id } }
    }

    /// The dashboard's tables, each downloadable on its own.
    static let tabelIds: Set<String> = ["verloop", "per-kern", "per-leefgebied", "instroom", "kanalen", "overig", "dalende-instroom", "tekorten"]

    /// What one reading of the figures found, before disclosure control.
    struct Gelezen: Sendable {
        var namen: Codenamen
        var perMaand, perKwartaal, perKern, perLeefgebied: CijfersStore.Tellingen?
        var monitoring: CijfersStore.Monitoringgegevens?
        var signalen: CijfersStore.Signaalgegevens?
    }

    /// The dashboard's figures for the period, as the wethouder may see them: read in one snapshot
    /// (so the tables always agree) with one audit row. `tabel` limits the reading to what that one
    /// table needs, for its download.
    /// - Parameter verloop: `maand` or `kwartaal`; otherwise per month unless fewer than two months may be shown.
    func cijfers(
        _ gebruiker: Gebruiker,
        _ context: AppRequestContext,
        _ periode: Periode,
        verloop gevraagd: String?,
        tabel: String? = nil
    ) async throws
        -> Cijfers
    {
        let (van, tot) = (periode.van, periode.tot)
        let verloop = gevraagd.flatMap { ["maand", "kwartaal"].contains($0) ? $0 : nil }
        func nodig(_ ids: String...) -> Bool { tabel.map(ids.contains) ?? true }
        let signaalperiode = CijfersService.signaalperiode(tot: tot)
        let scope = AccessScope(gebruiker)
        let audit = service.audit(gebruiker, requestId: context.id, tabel.map { "dashboard \($0)" } ?? "dashboard")
        let gelezen = try await service.cijfers.momentopname(in: scope, audit: audit) { connection in
            func tellingen(_ per: String, _ nodig: Bool) async throws -> CijfersStore.Tellingen? {
                nodig ? try await CijfersStore.voorliggendVeld(van: van, tot: tot, per: per, in: scope, on: connection) : nil
            }
            return Gelezen(
                namen: try await Codenamen.laad(on: connection),
                perMaand: try await tellingen("maand", nodig("verloop") && verloop != "kwartaal"),
                perKwartaal: try await tellingen("kwartaal", nodig("verloop") && verloop != "maand"),
                perKern: try await tellingen("kern", nodig("per-kern")),
                perLeefgebied: try await tellingen("leefgebied", nodig("per-leefgebied")),
                monitoring: nodig("instroom", "kanalen", "overig")
                    ? try await CijfersStore.monitoring(van: van, tot: tot, in: scope, on: connection) : nil,
                signalen: nodig("dalende-instroom", "tekorten")
                    ? try await CijfersStore.signalen(van: signaalperiode.van, tot: signaalperiode.tot, in: scope, on: connection) : nil
            )
        }
        let namen = gelezen.namen
        func vv(_ per: String, _ tellingen: CijfersStore.Tellingen?) -> VoorliggendVeldCijfers? {
            tellingen.map { service.voorliggendVeld(gebruiker, van: van, tot: tot, per: per, $0) }
        }
        var perPeriode = vv("maand", gelezen.perMaand)
        if verloop == "kwartaal" || (verloop == nil && (perPeriode?.rijen.filter { $0.alleenVoorliggendVeld.percentage != nil }.count ?? 0) < 2) {
            perPeriode = vv("kwartaal", gelezen.perKwartaal)
        }
        let vvKop = ["Afgesloten", "Alleen voorliggend veld", "Voorliggend veld betrokken"]
        func vvTabel(_ id: String, _ titel: String, _ kolom: String, _ cijfers: VoorliggendVeldCijfers, _ naam: (String) -> String) -> Tabel {
            Tabel(
                id: id,
                titel: titel,
                kop: [kolom] + vvKop,
                rijen: cijfers.rijen.map {
                    [naam($0.waarde), Self.tekst($0.afgesloten), Self.tekst($0.alleenVoorliggendVeld), Self.tekst($0.voorliggendVeldBetrokken)]
                },
                getallen: [1, 2, 3]
            )
        }
        var tabellen: [Tabel] = []
        if let perPeriode {
            tabellen.append(vvTabel("verloop", "Afgesloten hulpvragen per \(perPeriode.per)", perPeriode.per.capitalized, perPeriode, Self.maandnaam))
        }
        if let perKern = vv("kern", gelezen.perKern) {
            tabellen.append(vvTabel("per-kern", "Afgesloten hulpvragen per kern", "Kern", perKern, namen.kern))
        }
        if let perLeefgebied = vv("leefgebied", gelezen.perLeefgebied) {
            tabellen.append(vvTabel("per-leefgebied", "Afgesloten hulpvragen per leefgebied", "Leefgebied", perLeefgebied, namen.leefgebied))
        }
        if let gegevens = gelezen.monitoring {
            tabellen += Self.monitoringtabellen(service.monitoring(gebruiker, van: van, tot: tot, gegevens), namen)
        }
        let signalen = gelezen.signalen.map { service.signalen(gebruiker, signaalperiode, $0) }
        if let signalen { tabellen += Self.signaaltabellen(signalen, namen) }
        let totaal = (gelezen.perMaand ?? gelezen.perKern).map {
            service.voorliggendVeld(gebruiker, van: van, tot: tot, per: "totaal", ([], $0.totaal))
        }
        return Cijfers(voorliggendVeld: tabel == nil ? totaal : nil, verloop: perPeriode, signalen: signalen, tabellen: tabellen)
    }

    /// Intake per kernteam per month, the channels, and youth, nazorg, home visits and returns.
    static func monitoringtabellen(_ monitoring: Monitoring, _ namen: Codenamen) -> [Tabel] {
        let instroom = monitoring.instroomPerKernteamPerMaand
        let instroomRijen =
            instroom.rijen.indices.map { r in
                [namen.kernteam(instroom.rijen[r])] + instroom.cellen[r].map(Self.tekst) + [Self.tekst(instroom.rijtotalen[r])]
            } + [["Totaal"] + instroom.kolomtotalen.map(Self.tekst) + [Self.tekst(instroom.totaal)]]
        let kanalen = Kanaal.allCases.map { kanaal in
            [kanaal.naam] + (monitoring.kanalen[kanaal.rawValue].map(Self.tekst) ?? ["–", "–", "–"])
        }
        let overig: [[String]] = [
            ["Jongeren onder de 18"] + Self.tekst(monitoring.jeugd),
            ["Nog opgelost bij nazorg"] + Self.tekst(monitoring.nogOpgelostBijNazorg),
            ["Gezamenlijke huisbezoeken", Self.tekst(monitoring.gezamenlijkeHuisbezoeken), "", ""],
            ["Terugkeer binnen de nazorgperiode", Self.tekst(monitoring.terugkeer), "", ""],
        ]
        return [
            Tabel(
                id: "instroom",
                titel: "Nieuwe hulpvragen per kernteam per maand",
                kop: ["Kernteam"] + instroom.kolommen.map(Self.maandnaam) + ["Totaal"],
                rijen: instroomRijen,
                getallen: Set(1...(instroom.kolommen.count + 1))
            ),
            Tabel(
                id: "kanalen",
                titel: "Nieuwe hulpvragen per kanaal",
                kop: ["Kanaal", "Aantal", "Van", "Aandeel"],
                rijen: kanalen,
                getallen: [1, 2, 3]
            ),
            Tabel(
                id: "overig",
                titel: "Jongeren, nazorg, huisbezoeken en terugkeer",
                kop: ["Wat", "Aantal", "Van", "Aandeel"],
                rijen: overig,
                getallen: [1, 2, 3]
            ),
        ]
    }

    /// The two signals: falling intake and a shortage of supply.
    static func signaaltabellen(_ signalen: Signalen, _ namen: Codenamen) -> [Tabel] {
        [
            Tabel(
                id: "dalende-instroom",
                titel: "Signaal: dalende instroom",
                kop: ["Kernteam", "Maanden", "Instroom", "Toelichting"],
                rijen: signalen.dalendeInstroom.map { signaal in
                    [
                        namen.kernteam(signaal.kernteam), signaal.maanden.map(Self.maandnaam).joined(separator: ", "),
                        signaal.instroom.map(Self.tekst).joined(separator: ", "), signaal.toelichting,
                    ]
                },
                getallen: []
            ),
            Tabel(
                id: "tekorten",
                titel: "Signaal: tekort aan aanbod",
                kop: ["Kern", "Leefgebied", "Open hulpvragen zonder passend aanbod"],
                rijen: signalen.tekorten.map { [namen.kern($0.kern), namen.leefgebied($0.leefgebied), Self.tekst($0.openHulpvragen)] },
                getallen: [2]
            ),
        ]
    }

    // MARK: - Numbers as text

    /// "2026", "3e kwartaal 2026", "maart 2026".
    static func periodenaam(_ periode: Cijferperiode) -> String {
        switch periode {
        case .jaar(let jaar): "\(jaar)"
        case .kwartaal(let jaar, let kwartaal): "\(kwartaal)e kwartaal \(jaar)"
        case .maand(let jaar, let maand): "\(Pages.maanden[maand - 1]) \(jaar)"
        }
    }

    /// A count as shown: the number, or a dash when suppressed.
    static func tekst(_ aantal: Aantal) -> String { aantal.waarde.map(String.init) ?? "–" }

    static func tekst(_ percentage: Percentage) -> String { percentage.percentage.map(procent) ?? "–" }

    /// Count, whole and share.
    static func tekst(_ aandeel: Aandeel) -> [String] { [tekst(aandeel.aantal), tekst(aandeel.van), aandeel.percentage.map(procent) ?? "–"] }

    static func procent(_ waarde: Double) -> String {
        waarde.rounded() == waarde ? "\(Int(waarde))%" : String(format: "%.1f%%", waarde).replacingOccurrences(of: ".", with: ",")
    }

    /// `2026-03` as "maart 2026", `2026-K1` as "1e kwartaal 2026".
    static func maandnaam(_ code: String) -> String {
        let delen = code.split(separator: "-")
        if delen.count == 2, delen[1].hasPrefix("K") { return "\(delen[1].dropFirst())e kwartaal \(delen[0])" }
        guard delen.count == 2, let jaar = Int(delen[0]), let maand = Int(delen[1]), (1...12).contains(maand) else { return code }
        return "\(Pages.maanden[maand - 1]) \(jaar)"
    }

    // MARK: - The chart

    /// The share solved with the voorliggend veld only, per month or quarter, as a line: server-rendered SVG,
    /// described for screen readers, whose numbers are in the table below it.
    static func grafiek(_ cijfers: VoorliggendVeldCijfers) -> Markup {
        let punten = cijfers.rijen.map { ($0.waarde, $0.alleenVoorliggendVeld.percentage) }
        guard !punten.isEmpty else { return "<p>Geen afgesloten hulpvragen in deze periode.</p>" }
        let (breedte, hoogte, links, rechts, boven, onder) = (720.0, 280.0, 48.0, 16.0, 16.0, 56.0)
        let stap = punten.count > 1 ? (breedte - links - rechts) / Double(punten.count - 1) : 0
        func x(_ index: Int) -> Double { punten.count > 1 ? links + Double(index) * stap : (links + breedte - rechts) / 2 }
        func y(_ procent: Double) -> Double { boven + (100 - procent) / 100 * (hoogte - boven - onder) }
        func getal(_ waarde: Double) -> String { String(format: "%.1f", waarde) }
        let raster = [0.0, 25, 50, 75, 100].map { p -> Markup in
            #"<line x1="\#(getal(links))" y1="\#(getal(y(p)))" x2="\#(getal(breedte - rechts))" y2="\#(getal(y(p)))" stroke="rgb(180,180,180)" stroke-width="1"/><text x="\#(getal(links - 8))" y="\#(getal(y(p) + 4))" text-anchor="end">\#(Int(p))%</text>"#
        }
        // A line through the months that may be shown; a suppressed month breaks it.
        var lijnen: [[(Double, Double)]] = [[]]
        for (index, punt) in punten.enumerated() {
            if let procent = punt.1 {
                lijnen[lijnen.count - 1].append((x(index), y(procent)))
            } else if !lijnen[lijnen.count - 1].isEmpty {
                lijnen.append([])
            }
        }
        let paden = lijnen.filter { $0.count > 1 }.map { lijn -> Markup in
            #"<polyline fill="none" stroke="rgb(1,82,125)" stroke-width="3" points="\#(lijn.map { "\(getal($0.0)),\(getal($0.1))" }.joined(separator: " "))"/>"#
        }
        let stippen = punten.enumerated().compactMap { index, punt -> Markup? in
            punt.1.map { procent -> Markup in #"<circle cx="\#(getal(x(index)))" cy="\#(getal(y(procent)))" r="4.5" fill="rgb(1,82,125)"/>"# }
        }
        // Every label when they fit, else every third month.
        let elke = punten.count > 12 ? 3 : 1
        let labels = punten.enumerated().filter { $0.offset % elke == 0 }.map { index, punt -> Markup in
            let delen = punt.0.split(separator: "-")
            let label =
                delen.count != 2
                ? punt.0
                : delen[1].hasPrefix("K")
                    ? "\(delen[1]) \(delen[0].suffix(2))"
                    : "\(Pages.maanden[min(max((Int(delen[1]) ?? 1) - 1, 0), 11)].prefix(3)) \(delen[0].suffix(2))"
            return #"<text x="\#(getal(x(index)))" y="\#(getal(hoogte - onder + 20))" text-anchor="middle">\#(label)</text>"#
        }
        let beschrijving = punten.map { "\(maandnaam($0.0)): \($0.1.map(procent) ?? "niet getoond")" }.joined(separator: "; ")
        return """
            <figure>
            <svg viewBox="0 0 \(Int(breedte)) \(Int(hoogte))" width="100%" role="img" aria-labelledby="grafiek-titel" aria-describedby="grafiek-beschrijving" focusable="false">
            <title id="grafiek-titel">Opgelost met alleen het voorliggend veld, per \(cijfers.per) van afsluiten</title>
            <desc id="grafiek-beschrijving">\(beschrijving)</desc>
            \(raster)\(paden)\(stippen)\(labels)
            </svg>
            <figcaption>Aandeel opgelost met alleen het voorliggend veld, per \(cijfers.per). Dezelfde cijfers staan in de tabel hieronder.</figcaption>
            </figure>
            """
    }
}
