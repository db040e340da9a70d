/// A gemeente with the size of its area: how many kernen and kernteams.
public struct GemeenteOverzicht: Sendable, Hashable, Codable {
    public var gemeente: Gemeente
    public var kernen: Int
    public var kernteams: Int

    public init(gemeente: Gemeente, kernen: Int, kernteams: Int) {
        self.gemeente = gemeente
        self.kernen = kernen
        self.kernteams = kernteams
    }
}
