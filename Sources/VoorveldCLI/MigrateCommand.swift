import ArgumentParser
import VoorveldStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations in sql/migrations that are not applied yet, and sql/definitions when one changed.",
        discussion: """
            Each migration is applied once, in its own transaction; it stops with an error if an applied one was changed since. \
            The definitions (functions, triggers, views, policies) are applied again, all in one transaction, whenever one of \
            them changed or a migration was applied.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = database.makeLogger("voorveld.migrate")
        let migrator = try Migrator(directory: try Resources.directory("sql", given: database.sqlDir), logger: logger)
        let applied = try await DatabaseSession.with(database, prepared: false, logger: logger) { session in
            let applied = try await migrator.migrate(session.owner)
            if session.embedded != nil { try await ServiceRole.ensureLogin(session.owner) }
            return applied
        }
        var report: [String] = []
        if !applied.migrations.isEmpty {
            report.append("Applied \(applied.migrations.count) migration(s): \(applied.migrations.map(\.fileName).joined(separator: ", "))")
        }
        if !applied.definitions.isEmpty {
            report.append("Applied the definitions: \(applied.definitions.map(\.fileName).joined(separator: ", "))")
        }
        print(report.isEmpty ? "The database is up to date." : report.joined(separator: "\n"))
    }
}
