import CalendarDate

/// The VOG rule: a volunteer helps a young person (`Hulpvraag.jongere(op:)`) only with a valid
/// VOG. The database holds the same definitions (`jongere` in sql/definitions/03_hulpvragen.sql, `vog_geldig_tot` in sql/definitions/02_registers.sql) and its
/// booking trigger refuses what this refuses; a test compares the two on the edge cases.
public enum VOG {
    /// Years a VOG stays valid.
    public static let geldigJaren = 3

    /// A VOG's last valid day: the same date three years on (28 February for a 29th).
    public static func geldigTot(_ datum: CalendarDate) -> CalendarDate {
        datum.plus(maanden: 12 * geldigJaren)
    }

    /// Whether a VOG of `datum` (nil: none) is still valid on `dag`.
    public static func geldig(_ datum: CalendarDate?, op dag: CalendarDate) -> Bool {
        datum.map { geldigTot($0) >= dag } ?? false
    }
}

extension Hulpvraag {
    /// About a young person: marked jeugd, or under 18 this year by the year of birth (a resident
    /// born in 2008 counts as 18 for all of 2026). A volunteer needs a valid VOG for them, and a
    /// voorziening must be for jeugd.
    public func jongere(op dag: CalendarDate) -> Bool {
        jeugd || geboortejaar.map { dag.year - $0 < 18 } ?? false
    }
}
