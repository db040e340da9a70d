import Hummingbird
import VoorveldStore

/// Protection of the pages' forms against cross-site request forgery, on top of the session
/// cookie's SameSite=Strict: a random token in a cookie of its own (`__Host-`, HttpOnly,
/// SameSite=Strict) and the same token in a hidden field of every form. A form POST counts only
/// when the two agree (double submit); another site can neither read the cookie nor set it.
enum CSRF {
    static let cookieName = "__Host-voorveld-formulier"
    static let field = "csrf"

    /// The token of the visitor's cookie, or a new one with the cookie to set.
    static func token(_ request: Request) -> (token: String, cookie: Cookie?) {
        if let value = request.cookies[cookieName]?.value, isWellFormed(value) { return (value, nil) }
        let token = Secret.generate()
        return (token, Cookie(name: cookieName, value: token, path: "/", secure: true, httpOnly: true, sameSite: .strict))
    }

    /// The hidden field every form of the pages carries.
    static func hiddenField(_ token: String) -> String {
        #"<input type="hidden" name="\#(field)" value="\#(HTML.escape(token))">"#
    }

    /// Whether a posted form's token is the one in the visitor's cookie.
    static func isValid(_ request: Request, formToken: String?) -> Bool {
        guard let cookie = request.cookies[cookieName]?.value, isWellFormed(cookie), let formToken else { return false }
        let a = Array(cookie.utf8), b = Array(formToken.utf8)
        guard a.count == b.count else { return false }
        // Constant time: every byte is compared, whatever the first difference.
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// 256 bits in base64url, as `Secret.generate` makes them.
    static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }

    /// Sets the token's cookie on a response when the visitor had none.
    static func attach(_ cookie: Cookie?, to response: inout Response) {
        if let cookie { response.setCookie(cookie) }
    }
}
