import Foundation
import Postgres
import Voorveld

/// A record of a register that is also kept as a spreadsheet (volunteers, voorzieningen): it has
/// the keeper's own `referentie`, is imported and edited through one batched write, and carries
/// a version for optimistic concurrency.
public protocol Registerregel: Sendable {
    /// As in audit actions and messages: `vrijwilliger`, `vrijwilligers`.
    static var soort: String { get }
    static var meervoud: String { get }
    /// The main table; its rows have `gemeente`, `id` and `referentie`.
    static var tabel: String { get }
    /// The fields as the API and the CSV import name them.
    static var velden: [String] { get }
    /// Fields the service sets itself, which a client may send back unchanged after a GET.
    static var afgeleideVelden: Set<String> { get }
    var id: UUID? { get }
    var referentie: String { get }
    var versie: Int? { get }
    /// Reads and checks one record from raw input.
    /// - Throws: `Invoerfouten`.
    static func lees(_ invoer: [String: RuweWaarde], referenties: Referenties, negeer: Set<String>) throws -> Self
    /// Writes one batch in the current scope: added, or with `upsert` replaced by `referentie`
    /// (lists included). A duplicate `referentie` without `upsert` is a conflict (`23505`).
    /// - Returns: the ids, in the order of `batch`.
    static func schrijf(_ batch: [Self], upsert: Bool, on connection: PostgresConnection) async throws -> [UUID]
    static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Self?
}

extension Registerregel {
    public static var afgeleideVelden: Set<String> { ["id", "versie"] }
}

/// Adding, changing, reading and importing the records of one register. Every write happens in
/// the caller's scope, so row-level security decides who may.
public struct RegisterStore<Regel: Registerregel>: Sendable {
    public let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// Rows per statement: large enough to be fast, small enough to keep each message modest.
    static var batchSize: Int { 2_000 }

    /// Writes `regels` batch by batch; `voortgang` hears after each how many are written.
    public static func write(
        _ regels: [Regel],
        upsert: Bool,
        on connection: PostgresConnection,
        voortgang: ((Int) -> Void)? = nil
    ) async throws -> [UUID] {
        var ids: [UUID] = []
        ids.reserveCapacity(regels.count)
        var start = 0
        while start < regels.count {
            let end = min(start + batchSize, regels.count)
            ids += try await Regel.schrijf(Array(regels[start..<end]), upsert: upsert, on: connection)
            voortgang?(end)
            start = end
        }
        return ids
    }

    /// Adds one record on a connection whose transaction the caller owns (e.g. with an idempotency key).
    public static func create(_ regel: Regel, on connection: PostgresConnection, audit: (UUID) -> AuditRegel) async throws -> Regel {
        let id = try await write([regel], upsert: false, on: connection)[0]
        try await AuditStore.record(audit(id), on: connection)
        return try await Regel.get(id, on: connection)!
    }

    public func create(_ regel: Regel, in scope: AccessScope, audit: (UUID) -> AuditRegel) async throws -> Regel {
        try await pool.withTransaction(in: scope) { connection in try await Self.create(regel, on: connection, audit: audit) }
    }

    /// The outcome of a change with optimistic concurrency.
    public enum Wijziging: Sendable {
        case gewijzigd(Regel)
        case nietGevonden
        /// Someone else changed it first; this is the current state.
        case verouderd(Regel)
    }

    /// Replaces one record if it still has `versie`.
    public func update(_ id: UUID, to nieuw: Regel, versie: Int, in scope: AccessScope, audit: AuditRegel) async throws -> Wijziging {
        try await pool.withTransaction(in: scope) { connection in
            // Lock the row, so that of two concurrent changes to one version only the first wins.
            try await connection.execute("SELECT 1 FROM \(Regel.tabel) WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1 FOR UPDATE", [id])
            guard let current = try await Regel.get(id, on: connection) else { return .nietGevonden }
            guard current.versie == versie else { return .verouderd(current) }
            // Give the row its new referentie first; then the upsert by referentie updates it in
            // place (lists included) and bumps the version.
            if nieuw.referentie != current.referentie {
                try await connection.execute(
                    "UPDATE \(Regel.tabel) SET referentie = $1 WHERE gemeente = (SELECT huidige_gemeente()) AND id = $2",
                    [nieuw.referentie, id]
                )
            }
            _ = try await Self.write([nieuw], upsert: true, on: connection)
            try await AuditStore.record(audit, on: connection)
            return .gewijzigd(try await Regel.get(id, on: connection)!)
        }
    }

    /// One record, or nil when it does not exist in the scope's gemeente (or may not be seen).
    /// - Parameter audit: recorded with the result, for registers of personal data.
    public func get(_ id: UUID, in scope: AccessScope, audit: AuditRegel?) async throws -> Regel? {
        try await pool.withTransaction(in: scope) { connection in
            let found = try await Regel.get(id, on: connection)
            if var regel = audit {
                regel.resultaat = found == nil ? .nietGevonden : .toegestaan
                try await AuditStore.record(regel, on: connection)
            }
            return found
        }
    }

    /// Imports a spreadsheet: every row is checked first, then all are written (added, or updated
    /// by `referentie`) in one transaction, or none.
    /// - Parameters:
    ///   - andereGemeentenOverslaan: skip rows of other gemeenten (a seed file holding several).
    ///   - voortgang: hears (written, total) after each batch.
    /// - Returns: how many rows were imported.
    /// - Throws: `Importfouten` with every bad row, and nothing written.
    public func importeer(
        _ csv: String,
        in scope: AccessScope,
        door audit: AuditRegel,
        andereGemeentenOverslaan: Bool = false,
        voortgang: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> Int {
        let bekend = try await ReferentieStore(pool: pool).referenties(in: scope)
        let regels = try CSVImport.lees(
            csv,
            velden: Regel.velden,
            sleutel: "referentie",
            gemeente: scope.gemeente,
            andereGemeentenOverslaan: andereGemeentenOverslaan
        ) { invoer in
            try Regel.lees(invoer, referenties: bekend, negeer: [])
        }
        guard !regels.isEmpty else { return 0 }
        try await pool.withTransaction(in: scope) { connection in
            _ = try await Self.write(regels, upsert: true, on: connection) { written in voortgang?(written, regels.count) }
            var regel = audit
            regel.objectId = "\(regels.count) rijen"
            try await AuditStore.record(regel, on: connection)
        }
        return regels.count
    }
}

extension PostgresConnection {
    /// Replaces the code lists (kernen, leefgebieden, taken) of a batch of records: one delete
    /// and one insert per list table, whatever the batch size.
    /// - Parameters:
    ///   - owner: the column naming the record, e.g. `vrijwilliger`.
    ///   - ids: the records' ids, in the order of `records`.
    func replaceCodeLists<Record>(
        of owner: String,
        ids: [UUID],
        _ records: [Record],
        _ lists: [(table: String, column: String, values: KeyPath<Record, [String]>)]
    ) async throws {
        for list in lists {
            // Table and column names are fixed text from the callers; the values are bound.
            try await execute("DELETE FROM \(list.table) WHERE gemeente = (SELECT huidige_gemeente()) AND \(owner) = ANY($1::uuid[])", [ids])
            var left: [UUID] = []
            var right: [String] = []
            for (id, record) in zip(ids, records) {
                for value in record[keyPath: list.values] {
                    left.append(id)
                    right.append(value)
                }
            }
            guard !left.isEmpty else { continue }
            try await execute(
                "INSERT INTO \(list.table) (gemeente, \(owner), \(list.column)) SELECT (SELECT huidige_gemeente()), * FROM unnest($1::uuid[], $2::text[])",
                [left, right]
            )
        }
    }
}
