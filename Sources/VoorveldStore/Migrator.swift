import Foundation
import Logging
import Postgres

/// Brings a database's schema up to date from the two kinds of files in `sql/`:
///
/// - **Migrations**, `sql/migrations/NNN_name.sql`: tables, types, keys, indexes and rights. Each
///   is applied once, in number order, in its own transaction, and recorded with a checksum of its
///   text. An applied file must never change: a changed (or removed) file stops the migration, and
///   so the service's start, with a message that names the file. Fix a mistake with a new file.
/// - **Definitions**, `sql/definitions/NN_area.sql`: the functions, triggers, views and policies,
///   each defined once, in the file of its area. They are written so that they can run again
///   (`CREATE OR REPLACE`, `DROP ... IF EXISTS` before `CREATE`), and whenever one of them changed,
///   or a migration was applied, all of them are applied again, in name order, in one transaction.
///   So the current definition of a function is always the one in its file.
///
/// Files must not contain transaction control (`BEGIN`, `COMMIT`): the migrator wraps them.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let sql: String

        public var fileName: String { String(format: "%03d_%@.sql", version, name) }
    }

    /// One file of `sql/definitions`.
    public struct Definition: Sendable, Equatable {
        public let fileName: String
        public let sql: String
    }

    /// What one `migrate` call applied.
    public struct Applied: Sendable {
        public let migrations: [Migration]
        /// Every definition file when they were applied again, none when nothing had changed.
        public let definitions: [Definition]

        public var isEmpty: Bool { migrations.isEmpty && definitions.isEmpty }
    }

    public let migrations: [Migration]
    public let definitions: [Definition]
    private let logger: Logger

    public init(migrations: [Migration], definitions: [Definition] = [], logger: Logger = Logger(label: "voorveld.migrate")) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.definitions = definitions.sorted { $0.fileName < $1.fileName }
        self.logger = logger
    }

    /// Reads every `NNN_name.sql` in `directory/migrations` and `directory/definitions`.
    /// - Throws: `MigrationError` for a missing folder, a badly named file or a number used twice.
    public init(directory: String, logger: Logger = Logger(label: "voorveld.migrate")) throws {
        var migrations: [Migration] = []
        for (number, name, sql) in try Self.numberedFiles(in: directory + "/migrations") {
            if let other = migrations.first(where: { $0.version == number }) {
                throw MigrationError.duplicateVersion(number, other.fileName, Migration(version: number, name: name, sql: sql).fileName)
            }
            migrations.append(Migration(version: number, name: name, sql: sql))
        }
        let definitions = try Self.numberedFiles(in: directory + "/definitions").map { number, name, sql in
            Definition(fileName: String(format: "%02d_%@.sql", number, name), sql: sql)
        }
        self.init(migrations: migrations, definitions: definitions, logger: logger)
    }

    private static func numberedFiles(in directory: String) throws -> [(number: Int, name: String, sql: String)] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw MigrationError.directoryMissing(directory)
        }
        return try files.sorted().filter { $0.hasSuffix(".sql") }.map { file in
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let number = Int(stem[..<underscore]), number > 0,
                stem.index(after: underscore) < stem.endIndex
            else { throw MigrationError.badFileName(file) }
            return (number, String(stem[stem.index(after: underscore)...]), try String(contentsOfFile: directory + "/" + file, encoding: .utf8))
        }
    }

    /// Applies every migration not yet applied, after checking the applied ones are unchanged, and
    /// then the definitions if one changed. Several instances starting at once are serialised by an
    /// advisory lock.
    @discardableResult
    public func migrate(_ pool: ConnectionPool) async throws -> Applied {
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

    /// Checks that every applied migration is unchanged and names the files still to apply.
    public func pending(_ pool: ConnectionPool) async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.executeScript(Self.createTables)
            let migrations = try await verify(on: connection)
            let definitions = try await definitionChecksums(on: connection).changed ? definitions : []
            return migrations.map { "migrations/" + $0.migration.fileName } + definitions.map { "definitions/" + $0.fileName }
        }
    }

    // Any fixed number works; it only has to be the same for every instance.
    static let lockKey = 7_201_905_231_117

    static let createTables = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS schema_definitions (
            file_name  text PRIMARY KEY,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    private func apply(on connection: PostgresConnection) async throws -> Applied {
        try await connection.executeScript(Self.createTables)
        try await takeOverSquashed(on: connection)
        let pending = try await verify(on: connection)
        for (migration, checksum) in pending {
            logger.info("applying migration", metadata: ["file": "\(migration.fileName)"])
            try await inTransaction(on: connection, failing: migration.fileName) {
                try await connection.executeScript(migration.sql)
                try await connection.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, checksum]
                )
            }
        }
        let (current, changed) = try await definitionChecksums(on: connection)
        guard !pending.isEmpty || changed else {
            return Applied(migrations: [], definitions: [])
        }
        logger.info("applying definitions", metadata: ["files": "\(definitions.map(\.fileName).joined(separator: ", "))"])
        try await inTransaction(on: connection, failing: "sql/definitions") {
            for definition in definitions {
                do {
                    try await connection.executeScript(definition.sql)
                } catch {
                    throw MigrationError.failed(definition.fileName, error)
                }
            }
            try await connection.execute("DELETE FROM schema_definitions")
            try await connection.execute(
                "INSERT INTO schema_definitions (file_name, checksum) SELECT * FROM unnest($1::text[], $2::text[])",
                [definitions.map(\.fileName), current]
            )
        }
        return Applied(migrations: pending.map(\.migration), definitions: definitions)
    }

    /// Runs `body` in a transaction; an error rolls it back, named by `file` unless it names its own.
    private func inTransaction(on connection: PostgresConnection, failing file: String, _ body: () async throws -> Void) async throws {
        try await connection.executeScript("BEGIN")
        do {
            try await body()
            try await connection.executeScript("COMMIT")
        } catch {
            try? await connection.executeScript("ROLLBACK")
            throw (error as? MigrationError) ?? MigrationError.failed(file, error)
        }
    }

    /// Compares the recorded checksums with the files; returns the migrations not yet applied,
    /// each with its checksum.
    private func verify(on connection: PostgresConnection) async throws -> [(migration: Migration, checksum: String)] {
        let applied = try await recordedMigrations(on: connection)
        let current = try await checksums(of: migrations.map(\.sql), on: connection)
        let byVersion = Dictionary(uniqueKeysWithValues: zip(migrations.map(\.version), zip(migrations, current)))
        for record in applied {
            guard let (migration, checksum) = byVersion[record.version], migration.name == record.name else {
                throw MigrationError.missingFile(String(format: "%03d_%@.sql", record.version, record.name))
            }
            guard checksum == record.checksum else {
                throw MigrationError.changed(migration.fileName, recorded: record.checksum, current: checksum)
            }
        }
        let done = Set(applied.map(\.version))
        return zip(migrations, current).filter { !done.contains($0.0.version) }.map { (migration: $0.0, checksum: $0.1) }
    }

    private func recordedMigrations(on connection: PostgresConnection) async throws -> [Record] {
        try await connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") { row in
            Record(
                version: try row.decode(0, as: Int.self),
                name: try row.decode(1, as: String.self),
                checksum: try row.decode(2, as: String.self)
            )
        }
    }

    /// The definition files' checksums, and whether one is new, changed or gone since the
    /// definitions were last applied.
    private func definitionChecksums(on connection: PostgresConnection) async throws -> (checksums: [String], changed: Bool) {
        let recorded = try await connection.query("SELECT file_name, checksum FROM schema_definitions ORDER BY file_name") { row in
            [try row.decode(0, as: String.self), try row.decode(1, as: String.self)]
        }
        let current = try await checksums(of: definitions.map(\.sql), on: connection)
        return (current, recorded != zip(definitions, current).map { [$0.fileName, $1] })
    }

    /// SHA-256 of each text, computed by PostgreSQL so that no crypto library is needed.
    private func checksums(of texts: [String], on connection: PostgresConnection) async throws -> [String] {
        guard !texts.isEmpty else { return [] }
        return try await connection.query(
            "SELECT encode(sha256(convert_to(t.sql, 'UTF8')), 'hex') FROM unnest($1::text[]) WITH ORDINALITY AS t(sql, n) ORDER BY t.n",
            [texts]
        ) { row in try row.decode(0, as: String.self) }
    }

    // MARK: The squash of 2026-12-04

    /// A row of `schema_migrations`.
    public struct Record: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
    }

    /// The migrations that `migrations/001_baseline.sql` replaced, as a database they built records
    /// them. Such a database has exactly the baseline's schema (compared with pg_dump when the
    /// squash was made), so its record is taken over: the seventeen rows become the baseline's one,
    /// and the definitions are applied over the identical objects.
    public static let squashed: [Record] = [
        .init(version: 1, name: "gemeenten_kernen_leefgebieden", checksum: "b6555dcbb9e39f975735779eacd5fb524a2c9b01b069f2fff363c534b65afc99"),
        .init(version: 2, name: "toegang_en_audit", checksum: "a8a4421f8a11cf2be3ca0bf478a795f14971c17cd2519f31ab13c8082604cf53"),
        .init(version: 3, name: "registers", checksum: "eeb4d2b508241123e3710e6aeb0b3a050562c2d8fef988a50245073f15ec704d"),
        .init(version: 4, name: "hulpvraag_regels", checksum: "b470d6266157977491297cc566f7a51c959dc31c46fe616862e341846bbe1925"),
        .init(version: 5, name: "koppelingen", checksum: "940a5fee3be253b3f7558d2210c20e124630f02bd18993b3f68e6b6bc93b456f"),
        .init(version: 6, name: "uitkomsten", checksum: "57c5441bda076a7ac1b7a15f1987d137c53a87cdafe4822c1985bf2874b054b7"),
        .init(version: 7, name: "monitoring", checksum: "57b45c11ef3cc5b9d7f91d0bddc73426d81b9dfc0c844b3ab183e1c114b65a8a"),
        .init(version: 8, name: "cijfers_per_maand", checksum: "ed80037ae4f68983455ff228610be55611701005b698296eb3112aa96f5b7b7e"),
        .init(version: 9, name: "verdeelbare_sleutels", checksum: "a62484c7a3fc9ba3f3ed1f93b833c58abe53af6d10900e083ecfef21160b4536"),
        .init(version: 10, name: "collegas", checksum: "bd99e9c15819f7da9a0789354a8069117a8d755b0b340631d66a0873cfdf4d5d"),
        .init(version: 11, name: "veilig_thuis_uitkomst", checksum: "42b6c2c11b9d910178ca04a56e0071821d292cfdba150575f91b7be9762a923e"),
        .init(version: 12, name: "scope_uit_bewijs", checksum: "4c6de5aca36ceb0fd459b3894f4bdf988e1ec2048a4a63f5e0cd3918bb545a96"),
        .init(version: 13, name: "dossier_binnen_kernteam", checksum: "3ae292bfb9d501b62600edca4e28ed565679684190763970b8a6caf880dc463c"),
        .init(version: 14, name: "referenties", checksum: "90ae841d39a423c256fab358a28a88a452a83eb15dab1cf8630ff693466fa3a6"),
        .init(version: 15, name: "koppelingen_voor_steunpunt", checksum: "6cee6608dd7c041f50dc4f419daac9c41e2bef722f2bf2f5564dcdbbb6b678ae"),
        .init(version: 16, name: "celsleutels", checksum: "0d726f56b264256111c3514caa44334099ac8bedb4dded5b555b8f135c2c2f63"),
        .init(version: 17, name: "vog_bij_jongeren", checksum: "7e38f1f44059e3fe5380c1119b0ee5343a6adc1b37aa9fa1277305ff50b509ce"),
    ]

    /// Takes over the record of a database built by all of the squashed migrations. One built by
    /// only some of them is refused: it needs the version of Voorveld from before the squash first.
    private func takeOverSquashed(on connection: PostgresConnection) async throws {
        let recorded = try await recordedMigrations(on: connection)
        guard recorded.first?.name == Self.squashed.first?.name, let baseline = migrations.first, baseline.version == 1 else { return }
        guard recorded == Self.squashed else {
            throw MigrationError.squashedPartly(applied: recorded.last.map { String(format: "%03d_%@.sql", $0.version, $0.name) } ?? "")
        }
        let checksum = try await checksums(of: [baseline.sql], on: connection)
        logger.notice(
            "taking over a database built by the migrations squashed into the baseline",
            metadata: ["file": "\(baseline.fileName)", "replaces": "001 to \(Self.squashed.count)"]
        )
        try await inTransaction(on: connection, failing: baseline.fileName) {
            try await connection.execute("DELETE FROM schema_migrations")
            try await connection.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                [baseline.version, baseline.name, checksum[0]]
            )
            try await connection.execute("GRANT SELECT ON schema_migrations TO voorveld_service")
        }
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case directoryMissing(String)
    case badFileName(String)
    case duplicateVersion(Int, String, String)
    case missingFile(String)
    case changed(String, recorded: String, current: String)
    case squashedPartly(applied: String)
    case failed(String, any Error)

    public var description: String {
        switch self {
        case .directoryMissing(let directory):
            "The folder \(directory) does not exist. Run Voorveld from its source folder, or give --sql-dir."
        case .badFileName(let file):
            "The SQL file \(file) is not named NNN_name.sql."
        case .duplicateVersion(let version, let first, let second):
            "Two migration files share number \(version): \(first) and \(second)."
        case .missingFile(let file):
            "The applied migration \(file) is missing from the migrations folder. Applied migrations must stay."
        case .changed(let file, let recorded, let current):
            "The migration \(file) was changed after it was applied (recorded checksum \(recorded.prefix(12)), "
                + "file now \(current.prefix(12))). Applied migrations must never change: restore the file and add a new migration instead."
        case .squashedPartly(let applied):
            "This database was migrated up to \(applied), before the migrations were squashed into sql/migrations/001_baseline.sql "
                + "(2026-12-04). Run `voorveld migrate` of a Voorveld version from before the squash first (it applies "
                + "017_vog_bij_jongeren.sql), then this version takes the database over."
        case .failed(let file, let error):
            "The SQL file \(file) failed and was rolled back: \(error)"
        }
    }
}
