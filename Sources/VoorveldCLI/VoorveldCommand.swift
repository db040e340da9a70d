import ArgumentParser
import Foundation
import Logging
import Synchronization
import VoorveldStore

@main
struct VoorveldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voorveld",
        abstract: "Voorveld: hulpvragen oplossen in het voorliggend veld, for kernteams and sociale wijkteams.",
        discussion: """
            Database: with DATABASE_URL or any of PGHOST, PGHOSTADDR, PGPORT, PGDATABASE, PGSERVICE set,
            Voorveld uses that PostgreSQL server (configured as for psql; PGUSER, PGPASSWORD, PGSSLMODE,
            ~/.pgpass and pg_service.conf apply too) as the service's role, which must own no tables;
            DATABASE_OWNER_URL names the tables' owner, for migrations and operator commands. With none
            set, it runs its own PostgreSQL in the data folder (--data-dir, default ./.voorveld),
            reachable only through a Unix socket there.

            Start here:  voorveld serve      (then open http://127.0.0.1:8080/)
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, SeedCommand.self, UsersCommand.self, TokenCommand.self, GemeenteCommand.self, ImportCommand.self,
            RetentionCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: nil
    )
}

/// Options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder for the embedded PostgreSQL, used when no database is configured.", valueName: "path"))
    var dataDir: String = ".voorveld"

    @Option(
        name: .long,
        help: ArgumentHelp("Folder with the numbered migration files (default: ./sql, or the one beside the program).", valueName: "path")
    )
    var sqlDir: String?

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: Logger.Level = .info

    @Option(name: .long, help: ArgumentHelp("Log lines as text, or as one JSON object per line for a log collector.", valueName: "text|json"))
    var logFormat: LogFormat = .text

    @Option(name: .long, help: ArgumentHelp("Most connections the service opens to PostgreSQL.", valueName: "n"))
    var maxConnections: Int = 10

    /// bcrypt work factor, from VOORVELD_BCRYPT_COST (4-31; default 12).
    var hasher: PasswordHasher {
        let cost = ProcessInfo.processInfo.environment["VOORVELD_BCRYPT_COST"].flatMap(UInt8.init) ?? 12
        return PasswordHasher(cost: min(31, max(4, cost)))
    }

    func makeLogger(_ label: String) -> Logger {
        LoggingBootstrap.run(level: logLevel, format: logFormat)
        return Logger(label: label)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum LoggingBootstrap {
    private static let done = Mutex(false)

    /// swift-log may be bootstrapped once per process.
    static func run(level: Logger.Level, format: LogFormat = .text) {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                return JSONLogHandler(label: label, logLevel: level)
            }
        }
    }
}
