import Foundation

/// A problem in one row of an imported file. Shown to the user who imports, so Dutch.
public struct Importfout: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The line in the file (the header is line 1).
    public var regel: Int
    public var kolom: String
    public var melding: String

    public init(regel: Int, kolom: String, melding: String) {
        self.regel = regel
        self.kolom = kolom
        self.melding = melding
    }

    public var description: String { "regel \(regel), kolom \(kolom): \(melding)" }
}

/// The file could not be imported; nothing was written. Every problem is listed.
public struct Importfouten: Error, Sendable, Equatable {
    public var fouten: [Importfout]
    public init(_ fouten: [Importfout]) { self.fouten = fouten }
}

/// Reads a spreadsheet export (CSV) into records, all rows or none.
///
/// Accepts what a steunpunt's spreadsheet produces: UTF-8 with or without a BOM, or Windows-1252
/// (older Excel "CSV"); comma or semicolon separators; column names in the API's camelCase or in
/// snake_case (`urenPerWeek`, `uren_per_week`).
public enum CSVImport {
    /// Decodes the file's bytes: UTF-8 when valid, otherwise Windows-1252.
    public static func text(of data: Data) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }

    /// Reads every row with `lees`, mapping the file's columns onto `velden`.
    /// - Parameters:
    ///   - velden: the record's field names (camelCase).
    ///   - sleutel: the field that must be unique within the file.
    ///   - gemeente: the gemeente imported into. A `gemeente` column, when the file has one, must
    ///     name it on every row, unless `andereGemeentenOverslaan` (for files that hold several).
    /// - Throws: `Importfouten` with every problem in the file.
    public static func lees<Record>(
        _ text: String,
        velden: [String],
        sleutel: String,
        gemeente: String,
        andereGemeentenOverslaan: Bool = false,
        _ lees: ([String: RuweWaarde]) throws -> Record
    ) throws -> [Record] {
        let table: CSVTable
        do {
            table = try CSVTable(text)
        } catch let error as CSVError {
            throw Importfouten([Importfout(regel: error.line, kolom: "", melding: error.message)])
        }
        let known = Dictionary(uniqueKeysWithValues: velden.map { (normalized($0), $0) })
        let ignored: Set<String> = ["gemeente"]
        var columns: [(header: String, veld: String)] = []
        var fouten: [Importfout] = []
        for header in table.header where !header.isEmpty {
            if let veld = known[normalized(header)] {
                columns.append((header, veld))
            } else if !ignored.contains(normalized(header)) {
                fouten.append(Importfout(regel: 1, kolom: header, melding: "onbekende kolom; bekende kolommen: \(velden.joined(separator: ", "))"))
            }
        }
        guard fouten.isEmpty else { throw Importfouten(fouten) }

        var records: [Record] = []
        records.reserveCapacity(table.rows.count)
        var seen: [String: Int] = [:]
        let gemeenteKolom = table.header.first { normalized($0) == "gemeente" }
        for row in table.rows {
            if let gemeenteKolom, row[gemeenteKolom] != gemeente {
                if andereGemeentenOverslaan { continue }
                fouten.append(
                    Importfout(regel: row.line, kolom: gemeenteKolom, melding: "hoort bij gemeente '\(row[gemeenteKolom])', niet bij \(gemeente)")
                )
                continue
            }
            var invoer: [String: RuweWaarde] = [:]
            for column in columns { invoer[column.veld] = .tekst(row[column.header]) }
            if case .tekst(let key)? = invoer[sleutel], !key.isEmpty {
                if let first = seen[key] {
                    fouten.append(Importfout(regel: row.line, kolom: sleutel, melding: "'\(key)' staat ook op regel \(first)"))
                } else {
                    seen[key] = row.line
                }
            }
            do {
                records.append(try lees(invoer))
            } catch let error as Invoerfouten {
                let header = Dictionary(columns.map { ($0.veld, $0.header) }, uniquingKeysWith: { first, _ in first })
                fouten += error.fouten.map { Importfout(regel: row.line, kolom: header[$0.veld] ?? $0.veld, melding: $0.melding) }
            }
        }
        guard fouten.isEmpty else { throw Importfouten(fouten) }
        if records.isEmpty && !andereGemeentenOverslaan {
            throw Importfouten([Importfout(regel: 2, kolom: "", melding: "het bestand bevat geen rijen")])
        }
        return records
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
