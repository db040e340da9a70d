import Foundation

/// Hiding the secrets of connection strings, so that no log line, error or description carries a
/// password in any of the forms libpq accepts.
extension ConnectionConfiguration {
    /// The keywords whose values are secret: those libpq's own option table marks to be hidden
    /// ("*"): the password, the password of the SSL client key, and the OAuth client secret (libpq 18).
    public static let secretKeywords: Set<String> = ["password", "sslpassword", "oauth_client_secret"]

    /// What a hidden secret is replaced with.
    public static let redactionMark = "***"

    /// `text` with every secret of a connection string in it replaced by `***`: the password of a
    /// URI's user info (`postgresql://user:secret@host/db`), the `password` and `sslpassword`
    /// parameters of its query (`?password=secret&...`, also percent-encoded as `pass%77ord`), and
    /// the same keywords in `key=value` form, with or without spaces around `=` and quoted or not
    /// (`password = 'a b\'c'`). Also for text that merely holds a connection string, such as an
    /// error message from libpq.
    ///
    /// It errs towards hiding too much: the user info runs to the last `@` (a password may hold an
    /// unencoded `@`), keywords are matched in any case (libpq would refuse `PASSWORD`, and quote
    /// it back), and an unquoted value runs on over the words after it until one starts the next
    /// `keyword=` (libpq would refuse such words, and quote them back too).
    public static func redacted(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let ranges = secretRanges(in: scalars)
        guard !ranges.isEmpty else { return text }
        var result = String.UnicodeScalarView()
        var position = 0
        for range in ranges {
            result.append(contentsOf: scalars[position..<range.lowerBound])
            result.append(contentsOf: redactionMark.unicodeScalars)
            position = range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }

    /// `message`, an error from libpq about this configuration, without its secrets: what
    /// `redacted` finds, and also the secrets on their own or in pieces, since libpq quotes back
    /// the token it could not read (`invalid percent-encoded token: "p%zz"`, `missing "=" after
    /// "cret"`). Pieces shorter than three characters are hidden only where libpq quotes them, so
    /// that a one-letter password does not hide every such letter of the message.
    func redacting(_ message: String) -> String {
        var secrets: Set<String> = []
        for (keyword, value) in parameters {
            if Self.secretKeywords.contains(keyword.lowercased()) { secrets.formUnion(Self.forms(of: value, quoted: false)) }
            secrets.formUnion(Self.secrets(in: value))
        }
        var text = Self.redacted(message)
        for secret in secrets.sorted(by: { $0.unicodeScalars.count > $1.unicodeScalars.count }) {
            if secret.unicodeScalars.count >= 3 {
                text = text.replacingOccurrences(of: secret, with: Self.redactionMark)
            } else {
                text = text.replacingOccurrences(of: "\"\(secret)\"", with: "\"\(Self.redactionMark)\"")
            }
        }
        return text
    }

    /// The secret values in a connection string, in every form libpq might show them in.
    static func secrets(in text: String) -> Set<String> {
        let scalars = Array(text.unicodeScalars)
        var found: Set<String> = []
        for range in secretRanges(in: scalars) {
            let value = String(String.UnicodeScalarView(scalars[range]))
            found.formUnion(forms(of: value, quoted: scalars[range].first == "'"))
        }
        return found
    }

    /// A secret as written, without its quotes and backslash escapes, percent-decoded, and each of
    /// its words.
    static func forms(of value: String, quoted: Bool) -> Set<String> {
        var forms: Set<String> = [value]
        if quoted {
            var inner = String.UnicodeScalarView()
            var escaped = false
            for scalar in value.unicodeScalars.dropFirst() {
                if escaped {
                    inner.append(scalar)
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "'" {
                    break
                } else {
                    inner.append(scalar)
                }
            }
            forms.insert(String(inner))
        }
        for form in forms {
            if let decoded = form.removingPercentEncoding { forms.insert(decoded) }
        }
        for form in forms {
            forms.formUnion(form.split(whereSeparator: \.isWhitespace).map(String.init))
        }
        return forms.filter { !$0.isEmpty && $0 != redactionMark }
    }

    /// Where the secrets are in `s`, sorted and without overlaps.
    static func secretRanges(in s: [Unicode.Scalar]) -> [Range<Int>] {
        let ranges = (userInfoPasswords(in: s) + keywordValues(in: s)).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// `scheme://user:password@host`: the password runs from the first `:` after `://` to the
    /// last `@` before the query (or the end of the line), and, as libpq reads it, to the first
    /// `@` before any `/`; both are hidden (the ranges are merged).
    static func userInfoPasswords(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index + 2 < s.count {
            guard s[index] == ":", s[index + 1] == "/", s[index + 2] == "/" else {
                index += 1
                continue
            }
            let start = index + 3
            var end = start
            while end < s.count, s[end] != "?", s[end] != "\n" { end += 1 }
            if let at = s[start..<end].lastIndex(of: "@"), let colon = s[start..<at].firstIndex(of: ":") {
                found.append(colon + 1..<at)
            }
            // And as libpq reads it: up to the first `@` that comes before any `/`, so a `?` in
            // the password ("pa?ss") is part of it too.
            var libpqEnd = start
            while libpqEnd < s.count, s[libpqEnd] != "@", s[libpqEnd] != "/", s[libpqEnd] != "\n" { libpqEnd += 1 }
            if libpqEnd < s.count, s[libpqEnd] == "@", let colon = s[start..<libpqEnd].firstIndex(of: ":") {
                found.append(colon + 1..<libpqEnd)
            }
            index = start
        }
        return found
    }

    /// `password=value` and the other secret keywords, anywhere a keyword can begin: at the start,
    /// after a space, or after the `?` or `&` of a URI's query, where the value ends at the next `&`.
    static func keywordValues(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < s.count {
            guard isKeywordScalar(s[index]), index == 0 || !isKeywordScalar(s[index - 1]) else {
                index += 1
                continue
            }
            let inQuery = index > 0 && (s[index - 1] == "?" || s[index - 1] == "&")
            var end = index
            while end < s.count, isKeywordScalar(s[end]) { end += 1 }
            let word = String(String.UnicodeScalarView(s[index..<end]))
            index = end
            guard secretKeywords.contains((word.removingPercentEncoding ?? word).lowercased()) else { continue }
            var value = end
            while value < s.count, s[value].properties.isWhitespace { value += 1 }
            guard value < s.count, s[value] == "=" else { continue }
            value += 1
            // libpq skips spaces after `=` in key=value form; a URI's query keeps them.
            while !inQuery, value < s.count, s[value].properties.isWhitespace { value += 1 }
            let range = valueRange(in: s, from: value, inQuery: inQuery)
            found.append(range)
            index = max(index, range.upperBound)
        }
        return found
    }

    /// A value as libpq reads it, or more: quoted (`'...'`, with `\'` and `\\`) up to and with its
    /// closing quote, or to the end when there is none; unquoted up to a space (or `&` in a query),
    /// and on over each following word that does not start the next `keyword=`.
    static func valueRange(in s: [Unicode.Scalar], from start: Int, inQuery: Bool) -> Range<Int> {
        guard start < s.count else { return start..<start }
        if !inQuery, s[start] == "'" {
            var end = start + 1
            while end < s.count, s[end] != "'" { end += s[end] == "\\" ? 2 : 1 }
            return start..<min(end + 1, s.count)
        }
        var end = start
        while true {
            while end < s.count, !s[end].properties.isWhitespace, !(inQuery && s[end] == "&") { end += 1 }
            guard end < s.count, s[end].properties.isWhitespace else { return start..<end }
            var next = end
            while next < s.count, s[next].properties.isWhitespace { next += 1 }
            guard next < s.count, !startsAssignment(s, at: next) else { return start..<end }
            end = next
        }
    }

    /// Whether `keyword =` (or `keyword=`) begins at `index`.
    static func startsAssignment(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        var end = index
        while end < s.count, isKeywordScalar(s[end]) { end += 1 }
        guard end > index else { return false }
        while end < s.count, s[end].properties.isWhitespace { end += 1 }
        return end < s.count && s[end] == "="
    }

    /// Letters, digits and `_` make libpq's keywords; `%` too, for a percent-encoded one in a URI.
    static func isKeywordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: scalar == "_" || scalar == "%"
        }
    }
}
