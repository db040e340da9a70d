import CalendarDate
import Foundation
import Voorveld
import VoorveldStore

/// Algemene voorzieningen as Open Referral HSDS 3.0 services, so that a sociale kaart can reuse
/// them. A page follows the HSDS API's paginated list; each service carries its organisation,
/// service areas (kernen, or the whole gemeente), weekly schedule (dayparts), and the
/// leefgebieden and taken as taxonomy terms.
enum HSDS {
    struct Page: Encodable, Sendable {
        var total_items: Int
        var total_pages: Int
        var page_number: Int
        var size: Int
        var first_page: Bool
        var last_page: Bool
        var empty: Bool
        var contents: [Service]
    }

    struct Service: Encodable, Sendable {
        var id: String
        var organization: Organization
        var name: String
        var description: String
        var status = "active"
        var email: String?
        var url: String?
        var eligibility_description: String?
        var assured_date: String
        var service_areas: [ServiceArea]
        var schedules: [Schedule]
        var phones: [Phone]
        var attributes: [Attribute]
    }

    struct Organization: Encodable, Sendable {
        var id: String
        var name: String
        var description: String
    }

    struct ServiceArea: Encodable, Sendable {
        var id: String
        var name: String
        var description: String
    }

    struct Schedule: Encodable, Sendable {
        var id: String
        var freq = "WEEKLY"
        var byday: String
        var description: String
    }

    struct Phone: Encodable, Sendable {
        var id: String
        var number: String
    }

    struct Attribute: Encodable, Sendable {
        var id: String
        var taxonomy_term: TaxonomyTerm
    }

    struct TaxonomyTerm: Encodable, Sendable {
        var id: String
        var code: String
        var name: String
        var vocabulary: String
    }

    static let dagen = ["ma": "MO", "di": "TU", "wo": "WE", "do": "TH", "vr": "FR", "za": "SA", "zo": "SU"]

    static func page(
        _ pagina: Pagina<Voorziening>,
        _ paginering: Paginering,
        namen: VoorzieningStore.Namen,
        leefgebieden: [String: String],
        taken: [String: String]
    ) -> Page {
        let pages = max(1, (pagina.totaal + paginering.paginaGrootte - 1) / paginering.paginaGrootte)
        return Page(
            total_items: pagina.totaal,
            total_pages: pages,
            page_number: paginering.pagina,
            size: paginering.paginaGrootte,
            first_page: paginering.pagina == 1,
            last_page: paginering.pagina >= pages,
            empty: pagina.items.isEmpty,
            contents: pagina.items.map { service($0, namen: namen, leefgebieden: leefgebieden, taken: taken) }
        )
    }

    static func service(_ v: Voorziening, namen: VoorzieningStore.Namen, leefgebieden: [String: String], taken: [String: String]) -> Service {
        let id = v.id?.uuidString.lowercased() ?? v.referentie
        let contact = v.contact.trimmingCharacters(in: .whitespaces)
        let isEmail = contact.contains("@") && !contact.contains(" ")
        let isURL = contact.hasPrefix("https://") || contact.hasPrefix("http://")
        let areas =
            v.heleGemeente
            ? [ServiceArea(id: "\(id)/gemeente", name: namen.gemeente, description: "de hele gemeente")]
            : v.kernen.map { ServiceArea(id: "\(id)/\($0)", name: namen.kernen[$0] ?? $0, description: "kern") }
        let schedules = v.openingsdagdelen.compactMap { code -> Schedule? in
            let parts = code.split(separator: "-")
            guard parts.count == 2, let day = dagen[String(parts[0])] else { return nil }
            return Schedule(id: "\(id)/\(code)", byday: day, description: String(parts[1]))
        }
        let attributes =
            v.leefgebieden.map {
                Attribute(
                    id: "\(id)/leefgebied/\($0)",
                    taxonomy_term: TaxonomyTerm(id: "zrm-2017/\($0)", code: $0, name: leefgebieden[$0] ?? $0, vocabulary: "ZRM-2017")
                )
            }
            + v.taken.map {
                Attribute(
                    id: "\(id)/taak/\($0)",
                    taxonomy_term: TaxonomyTerm(id: "voorveld-taken/\($0)", code: $0, name: taken[$0] ?? $0, vocabulary: "voorveld-taken")
                )
            }
        return Service(
            id: id,
            organization: Organization(id: namen.aanbieders[v.aanbieder]?.uuidString.lowercased() ?? v.aanbieder, name: v.aanbieder, description: ""),
            name: v.naam,
            description: v.omschrijving,
            email: isEmail ? contact : nil,
            url: isURL ? contact : nil,
            eligibility_description: v.leeftijdsgroep == .iedereen ? nil : v.leeftijdsgroep.rawValue,
            assured_date: v.laatstGeverifieerd.description,
            service_areas: areas,
            schedules: schedules,
            phones: !contact.isEmpty && !isEmail && !isURL ? [Phone(id: "\(id)/telefoon", number: contact)] : [],
            attributes: attributes
        )
    }
}
