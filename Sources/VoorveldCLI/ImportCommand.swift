import ArgumentParser
import Foundation
import Voorveld
import VoorveldStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a steunpunt's spreadsheet (CSV) into a register.",
        discussion: """
            Every row is checked first; if any is wrong, nothing is written and every problem is listed with
            its line and column. Rows are added, or updated by their referentie. Accepts UTF-8 (with or without
            BOM) or Windows-1252, comma or semicolon separators, snake_case or camelCase column names.
            """,
        subcommands: [Vrijwilligers.self])

    struct Vrijwilligers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import volunteers.",
            discussion: "Columns: \(Vrijwilliger.velden.joined(separator: ", ")); lists are ;-separated, dates YYYY-MM-DD.")

        @Argument(help: "The CSV file.")
        var file: String

        @Option(help: "The gemeente's CBS code, e.g. GM1734.")
        var gemeente: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = database.makeLogger("voorveld.import")
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
            let scope = AccessScope.onderhoud(gemeente: gemeente)
            let audit = AuditRegel(gebruiker: scope.gebruiker, rol: .steunpunt, actie: "vrijwilligers-importeren", objectType: "vrijwilliger",
                                   objectId: nil, doel: "vrijwilligersbeheer", resultaat: .toegestaan)
            do {
                let count = try await DatabaseSession.with(database, logger: logger) { session in
                    try await VrijwilligerImport(store: VrijwilligerStore(pool: session.owner), referenties: ReferentieStore(pool: session.owner))
                        .importeer(CSVImport.text(of: data), in: scope, door: audit)
                }
                print("Imported \(count) volunteer(s) into \(gemeente).")
            } catch let error as Importfouten {
                var lines = ["Nothing was imported; \(error.fouten.count) problem(s) in \(file):"]
                lines += error.fouten.map { "  \($0)" }
                throw CommandError(lines.joined(separator: "\n"))
            }
        }
    }
}
