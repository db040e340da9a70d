import ArgumentParser
import VoorveldStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations in sql/ that are not applied yet.",
        discussion: "Each file is applied once, in its own transaction. Stops with an error if an applied file was changed since.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = database.makeLogger("voorveld.migrate")
        let migrator = try Migrator(directory: try Resources.directory("sql", given: database.sqlDir), logger: logger)
        let applied = try await DatabaseSession.with(database, prepared: false, logger: logger) { session in
            let applied = try await migrator.migrate(session.owner)
            if session.embedded != nil { try await ServiceRole.ensureLogin(session.owner) }
            return applied
        }
        print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migration(s): \(applied.map(\.fileName).joined(separator: ", "))")
    }
}
