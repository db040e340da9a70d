import Foundation
import Logging
import Postgres

/// Applies the numbered SQL files in `sql/` (`001_name.sql`, `002_name.sql`, ...), each once,
/// each in its own transaction, and records each with a checksum of its text.
///
/// An applied file must never change: a changed (or removed) file stops the migration, and so
/// the service's start, with a message that names the file. Fix a mistake with a new file.
/// Files must not contain transaction control (`BEGIN`, `COMMIT`): the migrator wraps them.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let sql: String

        public var fileName: String { String(format: "%03d_%@.sql", version, name) }
    }

    public let migrations: [Migration]
    private let logger: Logger

    public init(migrations: [Migration], logger: Logger = Logger(label: "voorveld.migrate")) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Reads every `NNN_name.sql` file in `directory`.
    /// - Throws: `MigrationError` for a missing folder, a badly named file or a number used twice.
    public init(directory: String, logger: Logger = Logger(label: "voorveld.migrate")) throws {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw MigrationError.directoryMissing(directory)
        }
        var migrations: [Migration] = []
        for file in files.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0,
                  stem.index(after: underscore) < stem.endIndex
            else { throw MigrationError.badFileName(file) }
            if let other = migrations.first(where: { $0.version == version }) {
                throw MigrationError.duplicateVersion(version, other.fileName, file)
            }
            let sql = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        self.init(migrations: migrations, logger: logger)
    }

    /// Applies every migration not yet applied, after checking the applied ones are unchanged.
    /// Several instances starting at once are serialised by an advisory lock.
    /// - Returns: the migrations applied now.
    @discardableResult
    public func migrate(_ pool: ConnectionPool) async throws -> [Migration] {
        try await pool.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
            do {
                let applied = try await apply(on: connection)
                try await connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                return applied
            } catch {
                _ = try? await connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                throw error
            }
        }
    }

    /// Checks that every applied migration is unchanged and lists those still to apply.
    public func pending(_ pool: ConnectionPool) async throws -> [Migration] {
        try await pool.withConnection { connection in
            try await connection.executeScript(Self.createTable)
            return try await verify(on: connection)
        }
    }

    // Any fixed number works; it only has to be the same for every instance.
    static let lockKey = 7_201_905_231_117

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    private func apply(on connection: PostgresConnection) async throws -> [Migration] {
        try await connection.executeScript(Self.createTable)
        let pending = try await verify(on: connection)
        let checksums = try await checksums(of: pending, on: connection)
        for (migration, checksum) in zip(pending, checksums) {
            logger.info("applying migration", metadata: ["file": "\(migration.fileName)"])
            try await connection.executeScript("BEGIN")
            do {
                try await connection.executeScript(migration.sql)
                try await connection.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, checksum])
                try await connection.executeScript("COMMIT")
            } catch {
                try? await connection.executeScript("ROLLBACK")
                throw MigrationError.failed(migration.fileName, error)
            }
        }
        return pending
    }

    /// Compares the recorded checksums with the files; returns the migrations not yet applied.
    private func verify(on connection: PostgresConnection) async throws -> [Migration] {
        let applied = try await connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") { row in
            (version: try row.decode(0, as: Int.self), name: try row.decode(1, as: String.self), checksum: try row.decode(2, as: String.self))
        }
        let current = try await checksums(of: migrations, on: connection)
        let byVersion = Dictionary(uniqueKeysWithValues: zip(migrations.map(\.version), zip(migrations, current)))
        for record in applied {
            guard let (migration, checksum) = byVersion[record.version] else {
                throw MigrationError.missingFile(String(format: "%03d_%@.sql", record.version, record.name))
            }
            guard checksum == record.checksum else {
                throw MigrationError.changed(migration.fileName, recorded: record.checksum, current: checksum)
            }
        }
        let done = Set(applied.map(\.version))
        return migrations.filter { !done.contains($0.version) }
    }

    /// SHA-256 of each file's text, computed by PostgreSQL so that no crypto library is needed.
    private func checksums(of migrations: [Migration], on connection: PostgresConnection) async throws -> [String] {
        guard !migrations.isEmpty else { return [] }
        return try await connection.query(
            "SELECT encode(sha256(convert_to(t.sql, 'UTF8')), 'hex') FROM unnest($1::text[]) WITH ORDINALITY AS t(sql, n) ORDER BY t.n",
            [migrations.map(\.sql)]
        ) { row in try row.decode(0, as: String.self) }
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case directoryMissing(String)
    case badFileName(String)
    case duplicateVersion(Int, String, String)
    case missingFile(String)
    case changed(String, recorded: String, current: String)
    case failed(String, any Error)

    public var description: String {
        switch self {
        case .directoryMissing(let directory):
            "The migrations folder \(directory) does not exist. Run Voorveld from its source folder, or give --sql-dir."
        case .badFileName(let file):
            "The migration file \(file) is not named NNN_name.sql."
        case .duplicateVersion(let version, let first, let second):
            "Two migration files share number \(version): \(first) and \(second)."
        case .missingFile(let file):
            "The applied migration \(file) is missing from the migrations folder. Applied migrations must stay."
        case .changed(let file, let recorded, let current):
            "The migration \(file) was changed after it was applied (recorded checksum \(recorded.prefix(12)), "
                + "file now \(current.prefix(12))). Applied migrations must never change: restore the file and add a new migration instead."
        case .failed(let file, let error):
            "The migration \(file) failed and was rolled back: \(error)"
        }
    }
}
