import ArgumentParser
import Foundation
import Voorveld
import VoorveldStore

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, list and disable users.",
        discussion: """
            Roles: kernteamlid (the hulpvragen of their kernteams), steunpunt (volunteers and voorzieningen),
            wethouder (aggregated figures only), beheerder (users, gebieden, the audit log). Every change is audited.
            """,
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user (or update one with --replace).",
            discussion: """
                Example: voorveld users add karin.jansen --gemeente GM1734 --role kernteamlid --kernteam heteren --display-name "Karin Jansen" --password-stdin
                Without --password-stdin the user cannot log in to the web pages, only use API tokens (voorveld token create).
                """
        )

        @Argument(help: "Login name: lowercase letters, digits and . _ @ -, unique across gemeenten.")
        var name: String

        @Option(help: "The gemeente's CBS code, e.g. GM1734.")
        var gemeente: String

        @Option(name: .customLong("role"), help: "A role (repeat for several): kernteamlid, steunpunt, wethouder, beheerder.")
        var roles: [Rol] = []

        @Option(name: .customLong("kernteam"), help: "A kernteam code (repeat for several); kernteamleden only.")
        var kernteams: [String] = []

        @Option(help: "The name shown in the pages.")
        var displayName: String

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @Flag(help: "Update the user if the name exists.")
        var replace = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = database.makeLogger("voorveld.users")
            var password: String?
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("--password-stdin was given, but standard input held no password.")
                }
                password = line
            }
            // The name shown to colleagues, as the registers' names are stored and checked.
            let weergavenaam = Tekstsoort.opgeslagen(displayName)
            if let melding = Tekstsoort.naam.fout(in: weergavenaam) { throw ValidationError("--display-name \(melding).") }
            let user = UserStore.NieuweGebruiker(
                naam: name,
                weergavenaam: weergavenaam,
                gemeente: gemeente,
                rollen: Set(roles),
                kernteams: Set(kernteams),
                wachtwoord: password
            )
            try await DatabaseSession.with(database, logger: logger) { session in
                try await UserStore(pool: session.owner, hasher: database.hasher).add(user, replace: replace)
            }
            print(
                "User \(name) saved (\(roles.map(\.rawValue).sorted().joined(separator: ", ")))."
                    + (password == nil ? " No password: API tokens only." : "")
            )
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users of a gemeente.")

        @Option(help: "The gemeente's CBS code, e.g. GM1734.")
        var gemeente: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = database.makeLogger("voorveld.users")
            let users = try await DatabaseSession.with(database, logger: logger) { session in
                try await UserStore(pool: session.owner).list(in: .onderhoud(gemeente: gemeente))
            }
            if users.isEmpty { print("No users in \(gemeente).") }
            for user in users {
                let teams = user.kernteams.isEmpty ? "" : " [\(user.kernteams.joined(separator: ", "))]"
                print(
                    "\(user.naam)\t\(user.weergavenaam)\t\(user.rollen.map(\.rawValue).joined(separator: ","))\(teams)\(user.uitgeschakeld ? "\tdisabled" : "")"
                )
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: their sessions end and tokens stop working at once.")

        @Argument(help: "The login name.")
        var name: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = database.makeLogger("voorveld.users")
            let found = try await DatabaseSession.with(database, logger: logger) { session in
                try await UserStore(pool: session.owner).disable(naam: name)
            }
            guard found else { throw ValidationError("There is no user \(name).") }
            print("User \(name) disabled.")
        }
    }
}

extension Rol: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create and revoke API tokens.",
        subcommands: [Create.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a bearer token for a user and print it once.",
            discussion: "Only a hash is stored: keep the printed token somewhere safe. Use it as: Authorization: Bearer <token>"
        )

        @Option(help: "The user's login name.")
        var user: String

        @Option(help: "Days until the token expires.")
        var days: Int = 90

        @Option(help: "What the token is for, e.g. the system that uses it.")
        var description: String = ""

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...730).contains(days) else { throw ValidationError("--days must be between 1 and 730.") }
        }

        func run() async throws {
            let logger = database.makeLogger("voorveld.token")
            let token = try await DatabaseSession.with(database, logger: logger) { session in
                try await UserStore(pool: session.owner).createToken(naam: user, geldig: .days(days), omschrijving: description)
            }
            print(token)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a user; it stops working at the next request.")

        @Option(help: "The user's login name.")
        var user: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = database.makeLogger("voorveld.token")
            let count = try await DatabaseSession.with(database, logger: logger) { session in
                try await UserStore(pool: session.owner).revokeTokens(naam: user)
            }
            print("Revoked \(count) token(s) of \(user).")
        }
    }
}

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Remove personal data that is no longer needed.",
        discussion: """
            Ended sessions, old failed-login records, long-expired or revoked tokens, the day-old keys of idempotent creates;
            of closed hulpvragen first what identifies the resident, later the hulpvraag itself. The audit log is kept.
            """
    )

    @Flag(help: "Only count what would be removed.")
    var dryRun = false

    @Option(help: "Days after nazorg (or closing, without nazorg) until a closed hulpvraag loses the resident's details and its free texts.")
    var hulpvraaggegevensDagen = RetentionStore.Policy().hulpvraaggegevens.days

    @Option(help: "Days after closing until a closed hulpvraag is deleted with its koppelingen (the figures then no longer count it).")
    var hulpvragenDagen = RetentionStore.Policy().hulpvragen.days

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = database.makeLogger("voorveld.retention")
        let report = try await DatabaseSession.with(database, logger: logger) { session in
            var policy = RetentionStore.Policy()
            policy.hulpvraaggegevens = .days(hulpvraaggegevensDagen)
            policy.hulpvragen = .days(hulpvragenDagen)
            return try await RetentionStore(pool: session.owner).run(policy, dryRun: dryRun)
        }
        print((dryRun ? "Would remove: " : "Removed: ") + report.description)
    }
}
