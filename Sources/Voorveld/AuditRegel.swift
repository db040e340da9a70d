import Foundation

/// One line of the audit log: who did what to which record, for which purpose, and the result.
/// It never holds request contents or secrets.
public struct AuditRegel: Sendable, Hashable, Codable {
    public enum Resultaat: String, Sendable, Codable, CaseIterable {
        case toegestaan, geweigerd
        case nietGevonden = "niet-gevonden"
        case mislukt
    }

    public var id: Int?
    public var tijdstip: Date?
    public var gebruiker: String
    public var rol: Rol?
    /// What was done, as a lowercase verb phrase: `lezen`, `inloggen`, `gebruiker-toevoegen`.
    public var actie: String
    public var objectType: String
    public var objectId: String?
    /// Why, in the user's terms: `inloggen`, `beheer gebruikers`, `behandeling hulpvraag`.
    public var doel: String
    public var resultaat: Resultaat
    public var requestId: String?

    public init(
        gebruiker: String,
        rol: Rol?,
        actie: String,
        objectType: String,
        objectId: String?,
        doel: String,
        resultaat: Resultaat,
        requestId: String? = nil,
        id: Int? = nil,
        tijdstip: Date? = nil
    ) {
        self.gebruiker = gebruiker
        self.rol = rol
        self.actie = actie
        self.objectType = objectType
        self.objectId = objectId
        self.doel = doel
        self.resultaat = resultaat
        self.requestId = requestId
        self.id = id
        self.tijdstip = tijdstip
    }
}
