import ArgumentParser
import VoorveldStore

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the CSV files in seed-data/ (reference data and the demo set) into the database.",
        discussion: "Migrates first. Every file is checked before anything is written; loading again updates rows in place."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Folder with the seed CSV files (default: ./seed-data, or the one beside the program).", valueName: "path")
    )
    var seedDir: String?

    @Flag(help: "Also add the demo users, whose passwords and tokens are public. Demonstrations only, never with real users.")
    var demoUsers = false

    func run() async throws {
        let logger = database.makeLogger("voorveld.seed")
        let migrator = try Migrator(directory: try Resources.directory("sql", given: database.sqlDir), logger: logger)
        let loader = SeedLoader(directory: try Resources.directory("seed-data", given: seedDir), hasher: database.hasher, logger: logger)
        let summary = try await DatabaseSession.with(database, prepared: false, logger: logger) { session in
            try await session.migrate(migrator)
            return try await loader.load(into: session.owner, demoUsers: demoUsers)
        }
        print("Loaded: \(summary)")
    }
}
