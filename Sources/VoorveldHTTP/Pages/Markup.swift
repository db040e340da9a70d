/// HTML that is safe to send: markup written in the code, in which every interpolated value is
/// escaped unless it is `Markup` itself. So `"<p>\(naam)</p>" as Markup` can never let a name
/// become markup, and a page cannot forget to escape.
///
/// Pages not yet built this way (issue 16) hand their strings over with `Markup(escaped:)`, which
/// says that the caller did the escaping; `grep -rn "Markup(escaped:"` lists what is left.
struct Markup: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    let html: String

    /// Markup written in the code: a literal is the programmer's own, so it is taken as it is.
    init(stringLiteral literal: String) { html = literal }

    init(stringInterpolation interpolation: Interpolation) { html = interpolation.html }

    /// A string the caller has escaped itself, from a page not yet built with `Markup`.
    init(escaped html: String) { self.html = html }

    /// Nothing.
    static let leeg: Markup = ""

    var description: String { html }

    struct Interpolation: StringInterpolationProtocol {
        var html = ""

        init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { html += literal }
        /// Text: escaped for HTML content and (quoted) attribute values.
        mutating func appendInterpolation(_ text: String) { html += HTML.escape(text) }
        mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        mutating func appendInterpolation(_ markup: Markup?) { html += markup?.html ?? "" }
        /// Several pieces, one after the other.
        mutating func appendInterpolation(_ pieces: [Markup]) { html += pieces.map(\.html).joined() }
        mutating func appendInterpolation(_ number: Int) { html += String(number) }
    }
}
