import Synchronization

/// A capability that becomes available after start-up (a model or an index being loaded in
/// the background), so the daemon binds its socket at once instead of after the slow part.
///
/// Routes ask for the value: `current()` throws `SpotterAppError` `.loading` while loading (the
/// server answers 503 with `Retry-After`) or `.unavailable` once it failed; `value(within:)`
/// waits a bounded time, for callers such as an import that would rather wait than run without it.
///
/// ```swift
/// let index = Loadable<KnowledgeIndex>(name: "the knowledge index")
/// background.append(LoaderService(index, logger: logger) { try KnowledgeIndex(path: ..., ...) })
/// ```
public final class Loadable<Value: Sendable>: StatusReporting {
    enum State {
        case loading
        case ready(Value)
        case failed(String)
    }

    /// Used in messages: "the knowledge index is still loading".
    public let name: String
    private let state = Mutex<State>(.loading)

    public init(name: String) {
        self.name = name
    }

    /// Marks the value as loaded.
    public func resolve(_ value: Value) {
        state.withLock { $0 = .ready(value) }
    }

    /// Marks the load as failed; requests then get `.unavailable` with this reason.
    public func fail(_ reason: String) {
        state.withLock { $0 = .failed(reason) }
    }

    /// The value if loaded, else nil.
    public var loaded: Value? {
        state.withLock { if case .ready(let v) = $0 { return v } else { return nil } }
    }

    /// `loading`, `ready` or `failed: reason` (for `/v1/health`).
    public var status: String {
        state.withLock {
            switch $0 {
            case .loading: "loading"
            case .ready: "ready"
            case .failed(let reason): "failed: \(reason)"
            }
        }
    }

    /// The value, or a `SpotterAppError` saying it is still loading (`.loading`, retry after 5 s)
    /// or failed (`.unavailable`).
    public func current() throws -> Value {
        try state.withLock {
            switch $0 {
            case .ready(let v): return v
            case .loading:
                throw SpotterAppError(.loading, "\(name) is still loading; retry shortly", retryAfterSeconds: 5)
            case .failed(let reason):
                throw SpotterAppError(.unavailable, "\(name) failed to load: \(reason)")
            }
        }
    }

    /// Waits up to `timeout` for the value, polling; then behaves like `current()`.
    public func value(within timeout: Duration) async throws -> Value {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if case .some(let v) = loaded { return v }
            if status.hasPrefix("failed") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try current()
    }
}
