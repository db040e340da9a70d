import CalendarDate

/// A period the protected figures may cover: a whole calendar month, quarter or year. With
/// disclosure control no other period is given, so no two answers differ by a few days or by a
/// single month at the edge of an arbitrary range (see `Onthulling`).
public enum Cijferperiode: Sendable, Hashable {
    case maand(jaar: Int, maand: Int)
    case kwartaal(jaar: Int, kwartaal: Int)
    case jaar(Int)

    /// The period from `van` to `tot` when it is one of these, else nil.
    public init?(van: CalendarDate, tot: CalendarDate) {
        guard van.day == 1, tot.year == van.year, tot == Self.laatsteDag(jaar: tot.year, maand: tot.month) else { return nil }
        switch (van.month, tot.month) {
        case let (a, b) where a == b: self = .maand(jaar: van.year, maand: a)
        case (1, 12): self = .jaar(van.year)
        case let (a, b) where b == a + 2 && a % 3 == 1: self = .kwartaal(jaar: van.year, kwartaal: (a - 1) / 3 + 1)
        default: return nil
        }
    }

    /// From its code: `2026`, `2026-K3` or `2026-03`.
    public init?(code: String) {
        let delen = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let jaar = delen.first.flatMap({ Int($0) }), (2000...2999).contains(jaar) else { return nil }
        switch delen.count {
        case 1: self = .jaar(jaar)
        case 2 where delen[1].hasPrefix("K"):
            guard let k = Int(delen[1].dropFirst()), (1...4).contains(k), delen[1].count == 2 else { return nil }
            self = .kwartaal(jaar: jaar, kwartaal: k)
        case 2:
            guard delen[1].count == 2, let m = Int(delen[1]), (1...12).contains(m) else { return nil }
            self = .maand(jaar: jaar, maand: m)
        default: return nil
        }
    }

    public var code: String {
        switch self {
        case .maand(let jaar, let maand): String(format: "%04d-%02d", jaar, maand)
        case .kwartaal(let jaar, let kwartaal): "\(jaar)-K\(kwartaal)"
        case .jaar(let jaar): "\(jaar)"
        }
    }

    public var van: CalendarDate {
        switch self {
        case .maand(let jaar, let maand): CalendarDate(year: jaar, month: maand, day: 1)
        case .kwartaal(let jaar, let kwartaal): CalendarDate(year: jaar, month: (kwartaal - 1) * 3 + 1, day: 1)
        case .jaar(let jaar): CalendarDate(year: jaar, month: 1, day: 1)
        }
    }

    public var tot: CalendarDate {
        switch self {
        case .maand(let jaar, let maand): Self.laatsteDag(jaar: jaar, maand: maand)
        case .kwartaal(let jaar, let kwartaal): Self.laatsteDag(jaar: jaar, maand: kwartaal * 3)
        case .jaar(let jaar): Self.laatsteDag(jaar: jaar, maand: 12)
        }
    }

    /// The periods to choose from on a page, newest first: the years, quarters and months from
    /// January `jaren - 1` years before `vandaag` up to the period `vandaag` is in.
    public static func keuzes(tot vandaag: CalendarDate, jaren: Int = 3) -> [Cijferperiode] {
        (vandaag.year - jaren + 1...vandaag.year).reversed().flatMap { jaar -> [Cijferperiode] in
            let maanden = jaar == vandaag.year ? vandaag.month : 12
            return [.jaar(jaar)]
                + (1...(maanden + 2) / 3).reversed().map { .kwartaal(jaar: jaar, kwartaal: $0) }
                + (1...maanden).reversed().map { .maand(jaar: jaar, maand: $0) }
        }
    }

    /// What to tell someone who asked for another period.
    public static let uitleg = "kies een hele maand, een heel kwartaal of een heel kalenderjaar (de cijfers zijn beschermd)"

    static func laatsteDag(jaar: Int, maand: Int) -> CalendarDate {
        CalendarDate(year: jaar, month: maand, day: 1).plus(maanden: 1).plus(dagen: -1)
    }
}
