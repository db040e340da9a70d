import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file: its parts
/// by name, with the file's bytes as they were.
struct Multipart {
    struct Deel {
        var naam: String
        var bestandsnaam: String?
        var inhoud: Data
    }

    var delen: [Deel]

    /// The boundary of a `multipart/form-data; boundary=...` content type.
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 70 ? nil : value
            }
        }
        return nil
    }

    /// Reads the parts; nil when the body is not well-formed.
    init?(_ body: Data, boundary: String) {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var start = bytes.firstRange(of: delimiter)?.upperBound else { return nil }
        var delen: [Deel] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if bytes[start...].starts(with: [45, 45]) { break }
            guard bytes[start...].starts(with: crlf) else { return nil }
            let partStart = start + 2
            guard let next = bytes[partStart...].firstRange(of: crlf + delimiter) else { return nil }
            guard let headerEnd = bytes[partStart..<next.lowerBound].firstRange(of: crlf + crlf) else { return nil }
            let headers = String(decoding: bytes[partStart..<headerEnd.lowerBound], as: UTF8.self)
            var naam: String?
            var bestandsnaam: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                naam = Self.parameter("name", in: line)
                bestandsnaam = Self.parameter("filename", in: line)
            }
            guard let naam else { return nil }
            delen.append(Deel(naam: naam, bestandsnaam: bestandsnaam, inhoud: Data(bytes[headerEnd.upperBound..<next.lowerBound])))
            start = next.upperBound
        }
        self.delen = delen
    }

    /// `name="csv"` from a Content-Disposition line.
    static func parameter(_ naam: String, in line: String) -> String? {
        for part in line.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == naam, pair[1].hasPrefix("\""), pair[1].hasSuffix("\""), pair[1].count >= 2 {
                return String(pair[1].dropFirst().dropLast())
            }
        }
        return nil
    }

    subscript(naam: String) -> Deel? { delen.first { $0.naam == naam } }
}
