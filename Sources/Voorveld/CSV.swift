/// A CSV file read by header name, as RFC 4180 writes it: comma-separated, fields quoted with
/// `"` when they hold a comma, a quote (doubled) or a line break.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// The line the record starts on, counting the header as line 1.
        public let line: Int
        let fields: [String]
        let columns: [String: Int]

        /// The field under `column`, trimmed; empty when the record is short.
        public subscript(column: String) -> String {
            guard let index = columns[column], index < fields.count else { return "" }
            return fields[index].trimmingSpaces
        }

        /// A `;`-separated list field, without empty items.
        public func list(_ column: String) -> [String] {
            self[column].split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        }
    }

    public let header: [String]
    public let rows: [Row]

    /// Parses `text`; a byte-order mark and a final line break are ignored.
    /// - Parameter separator: the field separator; nil picks `;` when the header line has
    ///   semicolons and no commas (as Dutch Excel writes CSV), and `,` otherwise.
    /// - Throws: `CSVError` for an unterminated quote or a record with more fields than the header.
    public init(_ text: String, requiredColumns: [String] = [], separator: Character? = nil) throws {
        let firstLine = String(String.UnicodeScalarView(text.unicodeScalars.prefix { $0 != "\n" }))
        let separator = separator ?? (firstLine.contains(";") && !firstLine.contains(",") ? ";" : ",")
        var records = try CSVTable.records(in: text, separator: separator.unicodeScalars.first!)
        guard !records.isEmpty else { throw CSVError(line: 1, message: "het bestand is leeg; verwacht een kopregel") }
        let header = records.removeFirst().fields.map(\.trimmingSpaces)
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw CSVError(line: 1, message: "kolom ontbreekt in de kopregel: \(missing.joined(separator: ", "))")
        }
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() where columns[name] == nil { columns[name] = index }
        self.header = header
        self.rows = try records.map { record in
            guard record.fields.count <= header.count else {
                throw CSVError(line: record.line, message: "\(record.fields.count) velden, maar de kopregel heeft er \(header.count)")
            }
            return Row(line: record.line, fields: record.fields, columns: columns)
        }
    }

    private static func records(in text: String, separator: Unicode.Scalar) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var characters = Array(text.unicodeScalars)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            field = ""
            // Blank lines carry no record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.unicodeScalars.append(character)
                }
            } else {
                switch character {
                case "\"" where field.isEmpty: quoted = true
                case separator:
                    fields.append(field)
                    field = ""
                case "\r": break
                case "\n":
                    endRecord()
                    line += 1
                    recordLine = line
                default: field.unicodeScalars.append(character)
                }
            }
            index += 1
        }
        if quoted { throw CSVError(line: recordLine, message: "aanhalingsteken niet gesloten") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}

/// A problem in a CSV file, with the line it is on. The message is Dutch: it is shown to users.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "regel \(line): \(message)" }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
