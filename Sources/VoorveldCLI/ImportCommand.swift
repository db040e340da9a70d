import ArgumentParser
import Foundation
import Voorveld
import VoorveldStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a spreadsheet (CSV) into a register.",
        discussion: """
            Every row is checked first; if any is wrong, nothing is written and every problem is listed with
            its line and column. Rows are added, or updated by their referentie. Accepts UTF-8 (with or without
            BOM) or Windows-1252, comma or semicolon separators, snake_case or camelCase column names.
            Lists are ;-separated, dates YYYY-MM-DD, yes/no as ja/nee. On a terminal a progress bar shows
            the rows written.
            """,
        subcommands: [Vrijwilligers.self, Voorzieningen.self]
    )

    struct Vrijwilligers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import volunteers (the vrijwilligerssteunpunt's list).",
            discussion: "Columns: \(Vrijwilliger.velden.joined(separator: ", "))."
        )

        @OptionGroup var options: ImportOptions

        func run() async throws { try await options.run(Vrijwilliger.self) }
    }

    struct Voorzieningen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import algemene voorzieningen.",
            discussion: "Columns: \(Voorziening.velden.joined(separator: ", ")); kernen * means the whole gemeente."
        )

        @OptionGroup var options: ImportOptions

        func run() async throws { try await options.run(Voorziening.self) }
    }
}

struct ImportOptions: ParsableArguments {
    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The gemeente's CBS code, e.g. GM1734.")
    var gemeente: String

    @OptionGroup var database: DatabaseOptions

    func run<Regel: Registerregel>(_: Regel.Type) async throws {
        let logger = database.makeLogger("voorveld.import")
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
        let scope = AccessScope.onderhoud(gemeente: gemeente)
        let audit = AuditRegel(
            gebruiker: scope.gebruiker,
            rol: .steunpunt,
            actie: "\(Regel.meervoud)-importeren",
            objectType: Regel.soort,
            objectId: nil,
            doel: "registerbeheer",
            resultaat: .toegestaan
        )
        let progress = ProgressBar(label: Regel.meervoud)
        do {
            let count = try await DatabaseSession.with(database, logger: logger) { session in
                try await RegisterStore<Regel>(pool: session.owner).importeer(
                    CSVImport.text(of: data),
                    in: scope,
                    door: audit,
                    voortgang: progress.isShown ? progress.update : nil
                )
            }
            progress.finish()
            print("Imported \(count) \(Regel.meervoud) into \(gemeente).")
        } catch let error as Importfouten {
            progress.finish()
            var lines = ["Nothing was imported; \(error.fouten.count) problem(s) in \(file):"]
            lines += error.fouten.map { "  \($0)" }
            throw CommandError(lines.joined(separator: "\n"))
        }
    }
}

/// A one-line progress bar on standard error, shown only when that is a terminal.
struct ProgressBar: Sendable {
    let label: String
    let isShown = isatty(STDERR_FILENO) == 1

    @Sendable func update(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done * 100 / total)% \(done)/\(total)".utf8))
    }

    func finish() {
        if isShown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
