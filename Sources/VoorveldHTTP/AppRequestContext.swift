import Hummingbird
import Voorveld

/// The context every request carries through middleware and routes.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated person, set by `AuthenticationMiddleware`; nil when anonymous.
    public var gebruiker: Gebruiker?
    /// The client's address, for rate limiting logins: the peer's, or behind a trusted reverse
    /// proxy the one it names (`ClientAddressMiddleware`).
    public var remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "onbekend"
    }

    /// Request bodies larger than this get 413. Nothing Voorveld accepts is near it.
    public var maxUploadSize: Int { 1 << 20 }
}
