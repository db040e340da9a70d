import Hummingbird
import VoorveldStore

/// Protection of the pages' forms against cross-site request forgery, on top of the session
/// cookie's SameSite=Strict: a random token in a cookie of its own (`__Host-`, HttpOnly,
/// SameSite=Strict) and the same token in a hidden field of every form. A form POST counts only
/// when the two agree (double submit); another site can neither read the cookie nor set it.
enum CSRF {
    static let cookieName = "__Host-voorveld-formulier"
    static let field = "csrf"

    /// A page with forms: `render` gets the visitor's token for the hidden fields; a visitor
    /// without one gets a new one, and its cookie.
    static func page(
        _ request: Request,
        context: some RequestContext,
        status: HTTPResponse.Status = .ok,
        _ render: (String) -> Markup
    ) throws -> Response {
        let (token, nieuw) = Self.token(request)
        var response = try HTML(render(token), status: status).response(from: request, context: context)
        if nieuw { response.setCookie(Cookie.host(cookieName, token)) }
        return response
    }

    /// The visitor's token, or a new one (`nieuw`: its cookie must still be set).
    static func token(_ request: Request) -> (token: String, nieuw: Bool) {
        if let existing = request.cookies[cookieName]?.value, Secret.isWellFormed(existing) { return (existing, false) }
        return (Secret.generate(), true)
    }

    /// The hidden field every form of the pages carries.
    static func hiddenField(_ token: String) -> Markup {
        #"<input type="hidden" name="\#(field)" value="\#(token)">"#
    }

    /// Whether a posted form's token is the one in the visitor's cookie.
    static func isValid(_ request: Request, formToken: String?) -> Bool {
        guard let cookie = request.cookies[cookieName]?.value, Secret.isWellFormed(cookie), let formToken else { return false }
        return Secret.equal(cookie, formToken)
    }
}
