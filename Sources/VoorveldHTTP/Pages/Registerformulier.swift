import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Adding and editing a record of a register (a volunteer, a voorziening) from its page, exactly
/// as the API checks it. The page renders the form; this reads, checks and stores what was posted.
struct Registerformulier<Regel: Registerregel & Resourcerecord> {
    let register: RegisterService<Regel>
    /// The form's fields that are groups of checkboxes.
    let lijsten: Set<String>
    /// The fields' names on the form, for the message that names what someone else changed.
    let labels: [String: String]
    /// A stored record as the form's fields.
    let formulier: @Sendable (Regel) -> Formulier
    /// Where the records' pages are: `/vrijwilligers`.
    let pad: String

    /// What saving came to: stored (and where to go next), or the form again.
    enum Uitkomst {
        case opgeslagen(Response)
        /// The form again, with these problems, on top of `grondslag`, with `melding` at the top.
        case opnieuw(fouten: [Veldfout], grondslag: Grondslag?, melding: Markup, status: HTTPResponse.Status)
    }

    /// A new record's form basis, and the basis of `regel`'s edit form.
    func grondslag(_ regel: Regel) -> Grondslag { Grondslag(versie: regel.versie!, formulier(regel), velden: Regel.velden) }

    /// A page's POST: stores the record and goes on to its page, or shows the form again through
    /// `pagina` (the fields with their problems, the basis, a message, the status). `getoond` is
    /// what the form shows again, when that is not quite what was stored (default: `formulier`).
    func opslaan(
        _ formulier: Formulier,
        getoond: Formulier? = nil,
        id: UUID?,
        _ gebruiker: Gebruiker,
        _ context: AppRequestContext,
        pagina: (Velden, Grondslag?, Markup, HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        switch try await opslaan(formulier, id: id, gebruiker, context) {
        case .opgeslagen(let response): return response
        case .opnieuw(let fouten, let grondslag, let melding, let status):
            return try await pagina(Velden(getoond ?? formulier, fouten: fouten), grondslag, melding, status)
        }
    }

    /// Adds a record (`id` nil) or changes one.
    func opslaan(_ formulier: Formulier, id: UUID?, _ gebruiker: Gebruiker, _ context: AppRequestContext) async throws -> Uitkomst {
        let grondslag = Grondslag(geplaatst: formulier)
        if id != nil && grondslag == nil { throw Pages.onvolledig }
        let regel: Regel
        do {
            regel = try Regel.lees(
                formulier.invoer(lijsten: lijsten),
                referenties: try await register.bekendeReferenties(voor: gebruiker),
                negeer: []
            )
        } catch let fouten as Invoerfouten {
            return .opnieuw(fouten: fouten.fouten, grondslag: grondslag, melding: .leeg, status: .badRequest)
        }
        let bestaat = Veldfout(veld: "referentie", melding: "'\(regel.referentie)' is al de referentie van een andere \(Regel.soort)")
        guard let id, let grondslag else {
            do {
                let opgeslagen = try await register.voegToe(regel, voor: gebruiker, requestId: context.id)
                return .opgeslagen(Pages.naar("\(pad)/\(opgeslagen.id!.uuidString.lowercased())", melding: "opgeslagen"))
            } catch let error as PostgresError where error.isUniqueViolation {
                return .opnieuw(fouten: [bestaat], grondslag: nil, melding: .leeg, status: .conflict)
            }
        }
        let result: RegisterStore<Regel>.Wijziging
        do {
            result = try await register.wijzig(id, naar: regel, versie: grondslag.versie, voor: gebruiker, requestId: context.id)
        } catch let error as PostgresError where error.isUniqueViolation {
            return .opnieuw(fouten: [bestaat], grondslag: grondslag, melding: .leeg, status: .conflict)
        }
        switch result {
        case .gewijzigd: return .opgeslagen(Pages.naar("\(pad)/\(id.uuidString.lowercased())", melding: "opgeslagen"))
        case .nietGevonden: throw register.nietGevonden
        case .verouderd:
            // Someone else saved first: what this user typed stays, now on top of the new version
            // (read again, audited as the API audits reading it), and the fields the other person changed are named.
            guard let nu = try await register.lees(id, voor: gebruiker, requestId: context.id) else {
                throw register.nietGevonden
            }
            let gewijzigd = grondslag.gewijzigd(self.formulier(nu), velden: Regel.velden)
            return .opnieuw(
                fouten: [],
                grondslag: self.grondslag(nu),
                melding: Grondslag.andermansWijziging(Regel.soort, gewijzigd: gewijzigd, labels: labels),
                status: .conflict
            )
        }
    }
}
