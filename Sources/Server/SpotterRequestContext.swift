import Hummingbird
import Logging
import NIOCore

/// The request context of every Spotter route: Hummingbird's core storage (logger with
/// `hb.request.id`, route parameters, matched endpoint path) and the body limits.
public struct SpotterRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Largest JSON body; set by `BodyLimitMiddleware` from the configuration.
    public var maxJSONBytes: Int = 1 << 20
    /// Largest non-JSON body (CSV, images).
    public var maxUploadBytes: Int = 32 << 20

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { maxUploadBytes }
}

extension SpotterRequestContext {
    /// The matched route pattern (`/v1/users/{user}`), or `nil` when no route matched the path
    /// (Hummingbird reports those as "NotFound").
    public var matchedRoute: String? {
        guard let path = endpointPath, path != "NotFound" else { return nil }
        return path
    }
}
