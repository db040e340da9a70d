import ArgumentParser
import Voorveld
import VoorveldStore

/// `voorveld gemeente GM1734 [--nazorg-dagen N]`: a gemeente's settings, shown or changed.
struct GemeenteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemeente",
        abstract: "Show or change a gemeente's settings.",
        discussion: """
            --nazorg-dagen: how many days after closing a solved hulpvraag the kernteam asks whether it is still solved
            (7 to 730; 91 unless changed). Applies to hulpvragen closed from then on. The change is audited.
            """
    )

    @Argument(help: "The gemeente's CBS code, e.g. GM1734.")
    var gemeente: String

    @Option(help: "The nazorg period in days.")
    var nazorgDagen: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = database.makeLogger("voorveld.gemeente")
        let dagen = try await DatabaseSession.with(database, logger: logger) { session in
            do {
                return try await GebiedStore(pool: session.owner).nazorgDagen(zetten: nazorgDagen, in: .onderhoud(gemeente: gemeente))
            } catch let fouten as Invoerfouten {
                throw CommandError(fouten.fouten.map { "--nazorg-dagen \($0.melding)" }.joined(separator: "; "))
            }
        }
        guard let dagen else { throw CommandError("Gemeente \(gemeente) does not exist.") }
        print("\(gemeente): nazorg \(dagen) days after closing")
    }
}
