extension Duration {
    /// A whole number of days: token lifetimes and retention periods.
    public static func days(_ n: Int) -> Duration { .seconds(n * 86_400) }

    /// The whole days in this duration.
    public var days: Int { Int(components.seconds / 86_400) }
}
