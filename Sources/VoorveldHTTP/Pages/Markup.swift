/// HTML that is safe to send: markup written in the code, in which every interpolated value is
/// escaped unless it is `Markup` itself. So `"<p>\(naam)</p>" as Markup` can never let a name
/// become markup, and a page cannot forget to escape: every page is built with it, and nothing
/// else escapes.
struct Markup: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    let html: String

    /// Markup written in the code: a literal is the programmer's own, so it is taken as it is.
    init(stringLiteral literal: String) { html = literal }

    init(stringInterpolation interpolation: Interpolation) { html = interpolation.html }

    /// Nothing.
    static let leeg: Markup = ""

    var description: String { html }

    struct Interpolation: StringInterpolationProtocol {
        var html = ""

        init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { html += literal }
        /// Text: escaped for HTML content and (quoted) attribute values.
        mutating func appendInterpolation(_ text: String) { html += Markup.escape(text) }
        mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        mutating func appendInterpolation(_ markup: Markup?) { html += markup?.html ?? "" }
        /// Several pieces, one after the other.
        mutating func appendInterpolation(_ pieces: [Markup]) { html += pieces.map(\.html).joined() }
        mutating func appendInterpolation(_ number: Int) { html += String(number) }
    }

    /// Escapes text for use in HTML content and (quoted) attribute values.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
