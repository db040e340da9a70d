import CalendarDate
import Foundation

/// How candidates are ranked: the one place where the weights live. Each part gives 0 up to its
/// weight; a candidate's score is the sum (at most 100).
public struct Weging: Sendable {
    /// Share of the hulpvraag's leefgebieden and taken the candidate helps with.
    public var dekking = 40.0
    /// Share of the hulpvraag's dayparts the candidate is available (or open) on; full when the
    /// hulpvraag names none.
    public var dagdelen = 20.0
    /// Volunteers: same kern full, a kern they named half way down, further within their
    /// distance a third. Voorzieningen: in the kern full, for the whole gemeente two thirds.
    public var nabijheid = 15.0
    /// Spreads the load, so the same few volunteers are not exhausted: full for a volunteer with
    /// no running koppeling, nothing from three on. Voorzieningen: places left relative to their
    /// capacity; unlimited ones get it in full.
    public var spreiding = 15.0
    /// Volunteers: earlier completed koppelingen in the same leefgebieden, three or more in full.
    public var ervaring = 10.0

    public init() {}

    public static let standaard = Weging()
}

/// The hard rules, ranking, reasons and combinations for one hulpvraag's candidates.
public struct Matching: Sendable {
    public var weging = Weging.standaard
    /// How many candidates per list are shown.
    public var maximum = 20

    public init() {}

    /// - Parameter namen: leefgebied and taak codes to names, for the reasons.
    public func kandidaten(
        voor hulpvraag: Hulpvraag,
        vrijwilligers: [VrijwilligerOptie],
        voorzieningen: [VoorzieningOptie],
        kernnaam: String,
        namen: [String: String],
        vandaag: CalendarDate
    ) -> Kandidaten {
        if hulpvraag.veiligThuis {
            let tekst = "Veilig Thuis-signaal: geen kandidaten. De hulpvraag is doorverwezen naar het loket."
            return Kandidaten(vrijwilligers: [], voorzieningen: [], combinaties: [], uitleg: .init(vrijwilligers: [tekst], voorzieningen: [tekst]))
        }
        let tekst = Tekst(namen: namen, hulpvraag: hulpvraag)
        let (vrijwilligerLijst, vrijwilligerUitleg) =
            hulpvraag.toestemmingVrijwilliger
            ? rangschik(vrijwilligers, hulpvraag, kernnaam: kernnaam, tekst: tekst, vandaag: vandaag)
            : ([], ["De inwoner gaf geen toestemming voor een vrijwilliger; alleen voorzieningen worden gezocht."])
        let (voorzieningLijst, voorzieningUitleg) = rangschik(voorzieningen, hulpvraag, kernnaam: kernnaam, tekst: tekst, vandaag: vandaag)
        return Kandidaten(
            vrijwilligers: Array(vrijwilligerLijst.prefix(maximum)),
            voorzieningen: Array(voorzieningLijst.prefix(maximum)),
            combinaties: combinaties(vrijwilligerLijst, voorzieningLijst, hulpvraag, tekst: tekst),
            uitleg: .init(vrijwilligers: vrijwilligerUitleg, voorzieningen: voorzieningUitleg)
        )
    }

    // MARK: - Volunteers

    func rangschik(
        _ opties: [VrijwilligerOptie],
        _ hulpvraag: Hulpvraag,
        kernnaam: String,
        tekst: Tekst,
        vandaag: CalendarDate
    ) -> ([Kandidaat], [String]) {
        let vogVereist = hulpvraag.jongere(op: vandaag)
        // Active, dayparts and duration come first: the database looks up the other details only
        // for who passes these three (see kandidaat_vrijwilligers).
        let regels: [(Regel, (VrijwilligerOptie) -> Bool)] = [
            (.init("zijn niet actief (gepauzeerd of gestopt)", "is niet actief (gepauzeerd of gestopt)"), \.actief),
            (
                .init("zijn niet beschikbaar op \(tekst.of(hulpvraag.dagdelen))", "is niet beschikbaar op \(tekst.of(hulpvraag.dagdelen))"),
                { hulpvraag.dagdelen.isEmpty || !$0.dagdelen.isEmpty }
            ),
            (.init("willen niet zo lang helpen (\(hulpvraag.duur.rawValue))", "wil niet zo lang helpen (\(hulpvraag.duur.rawValue))"), \.inzetPast),
            (.init("zijn al aan deze hulpvraag gekoppeld", "is al aan deze hulpvraag gekoppeld"), { !$0.alGekoppeld }),
            (.init("zijn afwezig in de komende twee weken", "is afwezig in de komende twee weken"), { $0.afwezigTot == nil }),
            (.init("hebben geen plek meer vrij", "heeft geen plek meer vrij"), { $0.bezet < $0.maxHulpvragen }),
            (
                .init("helpen niet bij \(tekst.leefgebiedenEnTaken)", "helpt niet bij \(tekst.leefgebiedenEnTaken)"),
                { !$0.leefgebieden.isEmpty || !$0.taken.isEmpty }
            ),
            (
                .init("hebben geen geldige VOG (nodig bij een jongere)", "heeft geen geldige VOG (nodig bij een jongere)"),
                { !vogVereist || VOG.geldig($0.vogDatum, op: vandaag) }
            ),
            (
                .init("hadden eerder een afgebroken koppeling met deze inwoner", "had eerder een afgebroken koppeling met deze inwoner"),
                { !$0.eerderAfgebroken }
            ),
        ]
        let (over, uitleg) = Self.pasToe(
            regels,
            op: opties,
            begin: "\(opties.count) \(opties.count == 1 ? "vrijwilliger helpt" : "vrijwilligers helpen") in of bij \(kernnaam)"
        )
        let kandidaten = over.map { kandidaat($0, hulpvraag, kernnaam: kernnaam, tekst: tekst, vandaag: vandaag) }
        return (Self.gesorteerd(kandidaten), uitleg)
    }

    func kandidaat(_ optie: VrijwilligerOptie, _ hulpvraag: Hulpvraag, kernnaam: String, tekst: Tekst, vandaag: CalendarDate) -> Kandidaat {
        var redenen: [String] = []
        let nabijheid: Double
        switch optie.relatie {
        case .zelfdeKern:
            nabijheid = 1
            redenen.append("woont in dezelfde kern (\(optie.kernnaam))")
        case .buurkern:
            nabijheid = 0.5
            redenen.append("woont in \(optie.kernnaam) en helpt ook in \(kernnaam)")
        case .afstand:
            nabijheid = 1.0 / 3
            redenen.append("woont in \(optie.kernnaam)" + (optie.afstandKm.map { ", \(Int($0.rounded())) km verderop" } ?? ""))
        }
        redenen += tekst.dekking(leefgebieden: optie.leefgebieden, taken: optie.taken)
        if !hulpvraag.dagdelen.isEmpty { redenen.append("beschikbaar \(tekst.en(optie.dagdelen))") }
        let vrij = optie.maxHulpvragen - optie.bezet
        redenen.append(vrij == 1 ? "nog 1 plek vrij" : "nog \(vrij) plekken vrij")
        if optie.afgerondZelfdeLeefgebied > 0 {
            redenen.append(
                "rondde eerder \(optie.afgerondZelfdeLeefgebied) \(optie.afgerondZelfdeLeefgebied == 1 ? "vraag" : "vragen") over \(tekst.of(hulpvraag.leefgebieden)) af"
            )
        }
        if let datum = optie.vogDatum, VOG.geldig(datum, op: vandaag) { redenen.append("VOG geldig tot \(tekst.maand(VOG.geldigTot(datum)))") }
        let score =
            weging.dekking * tekst.dekkingsgraad(optie.leefgebieden, optie.taken)
            + weging.dagdelen * (hulpvraag.dagdelen.isEmpty ? 1 : Double(optie.dagdelen.count) / Double(hulpvraag.dagdelen.count))
            + weging.nabijheid * nabijheid
            + weging.spreiding * max(0, 1 - Double(optie.bezet) / 3)
            + weging.ervaring * Double(min(optie.afgerondZelfdeLeefgebied, 3)) / 3
        return Kandidaat(
            soort: .vrijwilliger,
            id: optie.id,
            naam: "\(optie.voornaam) \(optie.achternaam)",
            score: Int(score.rounded()),
            redenen: redenen,
            leefgebieden: optie.leefgebieden,
            taken: optie.taken
        )
    }

    // MARK: - Voorzieningen

    func rangschik(
        _ opties: [VoorzieningOptie],
        _ hulpvraag: Hulpvraag,
        kernnaam: String,
        tekst: Tekst,
        vandaag: CalendarDate
    ) -> ([Kandidaat], [String]) {
        let groepen = Self.leeftijdsgroepen(hulpvraag, vandaag: vandaag)
        let regels: [(Regel, (VoorzieningOptie) -> Bool)] = [
            (.init("zijn al aan deze hulpvraag gekoppeld", "is al aan deze hulpvraag gekoppeld"), { !$0.alGekoppeld }),
            (
                .init("helpen niet bij \(tekst.leefgebiedenEnTaken)", "helpt niet bij \(tekst.leefgebiedenEnTaken)"),
                { !$0.leefgebieden.isEmpty || !$0.taken.isEmpty }
            ),
            (.init("zijn niet voor deze leeftijdsgroep", "is niet voor deze leeftijdsgroep"), { groepen.contains($0.leeftijdsgroep) }),
            (
                .init("zijn niet open op \(tekst.of(hulpvraag.dagdelen))", "is niet open op \(tekst.of(hulpvraag.dagdelen))"),
                { hulpvraag.dagdelen.isEmpty || $0.openingsdagdelen == 0 || !$0.dagdelen.isEmpty }
            ),
            (.init("zitten vol", "zit vol"), { optie in optie.capaciteit.map { optie.bezet < $0 } ?? true }),
        ]
        let (over, uitleg) = Self.pasToe(
            regels,
            op: opties,
            begin: "\(opties.count) \(opties.count == 1 ? "voorziening is" : "voorzieningen zijn") er voor \(kernnaam)"
        )
        let kandidaten = over.map { optie -> Kandidaat in
            var redenen = [optie.heleGemeente ? "voor de hele gemeente" : "in \(kernnaam)"]
            redenen += tekst.dekking(leefgebieden: optie.leefgebieden, taken: optie.taken)
            if !hulpvraag.dagdelen.isEmpty {
                redenen.append(optie.openingsdagdelen == 0 ? "op afspraak" : "open \(tekst.en(optie.dagdelen))")
            }
            if let capaciteit = optie.capaciteit {
                let vrij = capaciteit - optie.bezet
                redenen.append(vrij == 1 ? "nog 1 plek vrij" : "nog \(vrij) plekken vrij")
            }
            if optie.laatstGeverifieerd.daysSince2000 < vandaag.daysSince2000 - 365 {
                redenen.append("let op: gegevens voor het laatst gecontroleerd op \(optie.laatstGeverifieerd)")
            }
            let dagdelen =
                hulpvraag.dagdelen.isEmpty || optie.openingsdagdelen == 0
                ? 1 : Double(optie.dagdelen.count) / Double(hulpvraag.dagdelen.count)
            let spreiding = optie.capaciteit.map { Double($0 - optie.bezet) / Double(max($0, 1)) } ?? 1
            let score =
                weging.dekking * tekst.dekkingsgraad(optie.leefgebieden, optie.taken) + weging.dagdelen * dagdelen
                + weging.nabijheid * (optie.heleGemeente ? 2.0 / 3 : 1) + weging.spreiding * spreiding
            return Kandidaat(
                soort: .voorziening,
                id: optie.id,
                naam: optie.naam,
                score: Int(score.rounded()),
                redenen: redenen,
                leefgebieden: optie.leefgebieden,
                taken: optie.taken
            )
        }
        return (Self.gesorteerd(kandidaten), uitleg)
    }

    /// Who a voorziening must be for: a young person's request needs jeugd (or iedereen); an
    /// adult's volwassenen, from 65 also ouderen; without a year of birth, any adult group.
    /// The database's `leeftijdsgroep_past` is the same rule; a test compares the two.
    public static func leeftijdsgroepen(_ hulpvraag: Hulpvraag, vandaag: CalendarDate) -> Set<Leeftijdsgroep> {
        if hulpvraag.jongere(op: vandaag) { return [.jeugd, .iedereen] }
        guard let jaar = hulpvraag.geboortejaar else { return [.volwassenen, .ouderen, .iedereen] }
        let leeftijd = vandaag.year - jaar
        return leeftijd >= 65 ? [.ouderen, .volwassenen, .iedereen] : [.volwassenen, .iedereen]
    }

    // MARK: - Combinations

    /// When no single candidate covers every leefgebied, the smallest sets (two or three, from the
    /// best ten of each list) that do, best first; leefgebieden nobody covers are named.
    func combinaties(_ vrijwilligers: [Kandidaat], _ voorzieningen: [Kandidaat], _ hulpvraag: Hulpvraag, tekst: Tekst) -> [Combinatie] {
        let nodig = Set(hulpvraag.leefgebieden)
        let pool = Array(vrijwilligers.prefix(10)) + Array(voorzieningen.prefix(10))
        guard nodig.count > 1, !pool.contains(where: { nodig.isSubset(of: $0.leefgebieden) }) else { return [] }
        let haalbaar = nodig.intersection(pool.flatMap(\.leefgebieden))
        // When one candidate covers all that anyone covers, a combination adds nothing.
        guard !haalbaar.isEmpty, !pool.contains(where: { haalbaar.isSubset(of: $0.leefgebieden) }) else { return [] }
        let ontbreekt = hulpvraag.leefgebieden.filter { !haalbaar.contains($0) }
        var gevonden: [[Kandidaat]] = []
        for grootte in 2...3 where gevonden.isEmpty {
            Self.deelverzamelingen(van: pool.indices.map { $0 }, grootte: grootte) { indices in
                let set = indices.map { pool[$0] }
                // Together they cover what can be covered, and none of them is redundant.
                func dekt(_ leden: [Kandidaat]) -> Bool { haalbaar.isSubset(of: Set(leden.flatMap(\.leefgebieden))) }
                guard dekt(set), set.indices.allSatisfy({ weg in !dekt(set.enumerated().filter { $0.offset != weg }.map(\.element)) })
                else { return }
                gevonden.append(set)
            }
        }
        return
            gevonden
            .sorted { $0.reduce(0) { $0 + $1.score } > $1.reduce(0) { $0 + $1.score } }
            .prefix(3)
            .map { set in
                Combinatie(
                    onderdelen: set.map { .init(soort: $0.soort, id: $0.id, naam: $0.naam, leefgebieden: $0.leefgebieden.filter(haalbaar.contains)) },
                    dekt: hulpvraag.leefgebieden.filter(haalbaar.contains),
                    ontbreekt: ontbreekt,
                    score: set.reduce(0) { $0 + $1.score } / set.count,
                    toelichting: set.map { "\($0.naam) (\(tekst.en($0.leefgebieden.filter(haalbaar.contains).map(tekst.naam))))" }
                        .joined(separator: " + ")
                        + (ontbreekt.isEmpty ? "" : "; niemand helpt bij \(tekst.en(ontbreekt.map(tekst.naam)))")
                )
            }
    }

    static func deelverzamelingen(van items: [Int], grootte: Int, _ body: ([Int]) -> Void) {
        func stap(_ start: Int, _ gekozen: [Int]) {
            if gekozen.count == grootte { return body(gekozen) }
            guard start < items.count else { return }
            for index in start..<items.count { stap(index + 1, gekozen + [items[index]]) }
        }
        stap(0, [])
    }

    // MARK: - Shared

    /// Applies the rules in order, counting who each removes.
    /// A rule's explanation, for several and for one: "3 daarvan zijn ...", "1 daarvan is ...".
    struct Regel {
        let meervoud: String
        let enkelvoud: String
        init(_ meervoud: String, _ enkelvoud: String) {
            self.meervoud = meervoud
            self.enkelvoud = enkelvoud
        }
    }

    static func pasToe<Optie>(_ regels: [(Regel, (Optie) -> Bool)], op opties: [Optie], begin: String) -> ([Optie], [String]) {
        var over = opties
        var uitleg = ["\(begin)."]
        for (tekst, regel) in regels {
            let voor = over.count
            over = over.filter(regel)
            let weg = voor - over.count
            if weg > 0 { uitleg.append("\(weg) daarvan \(weg == 1 ? tekst.enkelvoud : tekst.meervoud).") }
        }
        if over.count != opties.count {
            uitleg.append(over.isEmpty ? "Er blijft niemand over." : "Er \(over.count == 1 ? "blijft 1" : "blijven \(over.count)") over.")
        }
        return (over, uitleg)
    }

    static func gesorteerd(_ kandidaten: [Kandidaat]) -> [Kandidaat] {
        kandidaten.sorted { ($0.score, $1.naam) > ($1.score, $0.naam) }
    }
}

/// Dutch wording for the reasons.
struct Tekst {
    let namen: [String: String]
    let hulpvraag: Hulpvraag

    func naam(_ code: String) -> String { namen[code] ?? code }

    /// "a", "a en b", "a, b en c".
    func en(_ items: [String]) -> String { Self.lijst(items, "en") }
    func of(_ items: [String]) -> String { Self.lijst(items.map(naam), "of") }

    static func lijst(_ items: [String], _ voegwoord: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(voegwoord) " + items.last!
        }
    }

    var leefgebiedenEnTaken: String {
        of(hulpvraag.leefgebieden + hulpvraag.taken)
    }

    func dekking(leefgebieden: [String], taken: [String]) -> [String] {
        var redenen: [String] = []
        if !leefgebieden.isEmpty {
            let van = hulpvraag.leefgebieden.count
            redenen.append("helpt bij \(leefgebieden.count) van de \(van) \(van == 1 ? "leefgebied" : "leefgebieden"): \(en(leefgebieden.map(naam)))")
        }
        if !taken.isEmpty {
            redenen.append(
                "doet \(taken.count == hulpvraag.taken.count ? (taken.count == 1 ? "de taak" : "alle taken") : "\(taken.count) van de \(hulpvraag.taken.count) taken"): \(en(taken.map(naam)))"
            )
        }
        return redenen
    }

    func dekkingsgraad(_ leefgebieden: [String], _ taken: [String]) -> Double {
        let nodig = hulpvraag.leefgebieden.count + hulpvraag.taken.count
        return nodig == 0 ? 0 : Double(leefgebieden.count + taken.count) / Double(nodig)
    }

    /// "2027-03": the month a VOG runs out.
    func maand(_ datum: CalendarDate) -> String { String(datum.description.prefix(7)) }
}
