import Postgres
import Voorveld

/// Imports a steunpunt's volunteer spreadsheet: every row is checked first, then all are written
/// (added, or updated by `referentie`) in one transaction, or none.
public struct VrijwilligerImport: Sendable {
    let store: VrijwilligerStore
    let referenties: ReferentieStore

    public init(store: VrijwilligerStore, referenties: ReferentieStore) {
        self.store = store
        self.referenties = referenties
    }

    /// - Returns: how many rows were imported.
    /// - Throws: `Importfouten` with every bad row (and nothing written).
    /// - Parameter andereGemeentenOverslaan: skip rows of other gemeenten (a seed file holding several).
    public func importeer(_ csv: String, in scope: AccessScope, door audit: AuditRegel, andereGemeentenOverslaan: Bool = false) async throws -> Int {
        let bekend = try await referenties.referenties(in: scope)
        let rows = try CSVImport.lees(csv, velden: Vrijwilliger.velden, sleutel: "referentie", gemeente: scope.gemeente,
                                      andereGemeentenOverslaan: andereGemeentenOverslaan) { invoer in
            try Vrijwilliger.lees(invoer, referenties: bekend)
        }
        guard !rows.isEmpty else { return 0 }
        try await store.pool.withTransaction(in: scope) { connection in
            _ = try await VrijwilligerStore.upsert(rows, on: connection)
            var regel = audit
            regel.objectId = "\(rows.count) rijen"
            try await AuditStore.record(regel, on: connection)
        }
        return rows.count
    }
}
