import Foundation
import Synchronization

/// The model servers behind one `openai` backend, and which of them gets the next request.
///
/// - **Choice.** A request goes to the healthy server with the fewest requests in flight; ties go
///   round-robin. A server that is out and whose backoff has passed gets the next request as a
///   trial (one at a time) before any healthy server does.
/// - **Taking out.** A server whose attempt failed (connection error, 5xx, timeout — never a 4xx
///   caused by the request) is out for `ModelServerBackoff`'s jittered, doubling time. Any answer
///   from it (a reply, or a 4xx) puts it back.
/// - **All out.** `lease()` returns nil and `unavailableError()` names every server and when the
///   next trial is due: a 503 with `Retry-After`, at once, never a wait.
///
/// State lives behind a `Mutex` so that `/metrics` reads it synchronously.
public final class ModelServerPool: Sendable {
    /// One server of the pool.
    public struct Server: Sendable, Equatable {
        public let index: Int
        public let baseURL: String
        /// `host:port` (credentials and path left out): the metrics label and the name in errors.
        public let label: String
    }

    /// Whether a server takes requests.
    public enum State: String, Sendable {
        /// Takes requests.
        case healthy
        /// Failed; waits for its backoff to pass, then for a trial request.
        case out
        /// Out, with a trial request running on it.
        case trial
    }

    /// A server given to one attempt; hand it back with `release(_:_:)` exactly once.
    public struct Lease: Sendable {
        public let server: Server
        public let isTrial: Bool
    }

    /// How an attempt on a server ended, for its health.
    public enum Outcome: Sendable {
        /// The server answered: a reply, or a 4xx the request caused.
        case answered
        /// The server failed (connection error, 5xx, timeout, broken stream); the reason is kept.
        case failed(String)
        /// The caller went away; says nothing about the server.
        case abandoned
    }

    /// One server's state, for `/metrics` and errors.
    public struct Snapshot: Sendable, Equatable {
        public var server: Server
        public var state: State
        public var inFlight: Int
        /// Attempts made on the server (finished ones).
        public var requests: Int
        /// Attempts that failed.
        public var failures: Int
        /// Failures in a row (0 when healthy).
        public var consecutiveFailures: Int
        /// Until the next trial, when out (zero when one is due).
        public var retryIn: Duration?
        /// Why it was taken out, when out.
        public var lastFailure: String?
    }

    struct Entry {
        var state: State = .healthy
        var inFlight = 0
        var requests = 0
        var failures = 0
        var consecutiveFailures = 0
        var retryAt: ContinuousClock.Instant?
        var lastFailure: String?

        mutating func putBack() {
            state = .healthy
            consecutiveFailures = 0
            retryAt = nil
            lastFailure = nil
        }
    }

    struct Table {
        var entries: [Entry]
        var cursor = 0
    }

    public let servers: [Server]
    public let backoff: ModelServerBackoff
    let table: Mutex<Table>
    let now: @Sendable () -> ContinuousClock.Instant
    let unitRandom: @Sendable () -> Double
    let onChange: (@Sendable (Change) -> Void)?

    /// A server went out or came back (for the daemon's log).
    public struct Change: Sendable {
        public var server: Server
        /// `.out` or `.healthy`.
        public var state: State
        /// Why it went out.
        public var reason: String?
        /// Until its trial, when it went out.
        public var retryIn: Duration?
    }

    /// - Parameters:
    ///   - baseURLs: the servers, at least one.
    ///   - now: the clock (tests pass a manual one).
    ///   - unitRandom: the jitter source, in `0..<1`.
    ///   - onChange: told (outside the pool's lock) when a server goes out or comes back.
    public init(baseURLs: [String], backoff: ModelServerBackoff = ModelServerBackoff(),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                onChange: (@Sendable (Change) -> Void)? = nil) {
        precondition(!baseURLs.isEmpty, "a model server pool needs at least one server")
        servers = Self.servers(baseURLs)
        self.backoff = backoff
        self.now = now
        self.unitRandom = unitRandom
        self.onChange = onChange
        table = Mutex(Table(entries: Array(repeating: Entry(), count: baseURLs.count)))
    }

    /// The server for the next attempt: a due trial first (unless `excluding` is non-empty — a
    /// retry goes to a healthy server), else the least-loaded healthy server not in `excluding`,
    /// ties round-robin. Nil when there is none.
    public func lease(excluding excluded: Set<Int> = []) -> Lease? {
        let now = now()
        return table.withLock { table -> Lease? in
            if excluded.isEmpty, let due = Self.dueTrial(in: table.entries, at: now) {
                table.entries[due].state = .trial
                table.entries[due].inFlight += 1
                return Lease(server: servers[due], isTrial: true)
            }
            let count = table.entries.count
            var best: Int?
            for step in 0..<count {
                let i = (table.cursor + step) % count
                let entry = table.entries[i]
                guard entry.state == .healthy, !excluded.contains(i) else { continue }
                if best == nil || entry.inFlight < table.entries[best!].inFlight { best = i }
            }
            guard let chosen = best else { return nil }
            table.cursor = (chosen + 1) % count
            table.entries[chosen].inFlight += 1
            return Lease(server: servers[chosen], isTrial: false)
        }
    }

    /// Whether a healthy server outside `excluded` could take a request now.
    public func hasHealthyServer(excluding excluded: Set<Int> = []) -> Bool {
        table.withLock { table in table.entries.indices.contains { table.entries[$0].state == .healthy && !excluded.contains($0) } }
    }

    /// Hands a server back after an attempt and records what the attempt says about its health.
    public func release(_ lease: Lease, _ outcome: Outcome) {
        let now = now()
        let unit = unitRandom()
        update(lease.server) { entry in
            entry.inFlight = max(0, entry.inFlight - 1)
            switch outcome {
            case .answered:
                entry.requests += 1
                entry.putBack()
            case .failed(let reason):
                entry.requests += 1
                entry.failures += 1
                entry.consecutiveFailures += 1
                entry.lastFailure = reason
                // A failure of an attempt begun before the server went out does not push it further out.
                if entry.state == .healthy || lease.isTrial {
                    entry.state = .out
                    entry.retryAt = now + backoff.jitteredDelay(afterFailures: entry.consecutiveFailures, unit: unit)
                }
            case .abandoned:
                if lease.isTrial, entry.state == .trial { entry.state = .out }  // still due: the next request tries
            }
        }
    }

    /// The server answered this attempt (a response head below 500): it takes requests again at
    /// once, even while the attempt — say a trial — is still streaming.
    public func markAnswering(_ lease: Lease) {
        update(lease.server) { entry in
            if entry.state != .healthy { entry.putBack() }
        }
    }

    /// Records a failed attempt by a request that keeps its lease to retry the same server (no
    /// other server could take it): counted, but the server stays in while the request rides out
    /// the blip; the request's last attempt decides.
    public func noteFailedAttempt(_ lease: Lease, _ reason: String) {
        table.withLock { table in
            table.entries[lease.server.index].requests += 1
            table.entries[lease.server.index].failures += 1
            table.entries[lease.server.index].consecutiveFailures += 1
            table.entries[lease.server.index].lastFailure = reason
        }
    }

    /// Every server's state now.
    public var snapshot: [Snapshot] {
        let now = now()
        return table.withLock { table in
            table.entries.enumerated().map { i, e in
                Snapshot(server: servers[i], state: e.state, inFlight: e.inFlight, requests: e.requests,
                         failures: e.failures, consecutiveFailures: e.consecutiveFailures,
                         retryIn: e.retryAt.map { max(.zero, $0 - now) }, lastFailure: e.state == .healthy ? nil : e.lastFailure)
            }
        }
    }

    /// The 503 for a request that found no server: each server's state and when to retry.
    public func unavailableError() -> LLMError {
        let servers = snapshot
        let wait = servers.compactMap(\.retryIn).min() ?? .seconds(1)
        let seconds = max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18).rounded(.up)))
        let parts = servers.map { s -> String in
            switch s.state {
            case .healthy: return "\(s.server.label) is busy"
            case .trial: return "\(s.server.label) is out (a trial request is running)"
            case .out:
                let after = s.lastFailure.map { ": \($0)" } ?? ""
                let due = s.retryIn.map { $0 == .zero ? "due for a trial" : "next try in \(Self.describe($0))" } ?? ""
                return "\(s.server.label) is out after \(s.consecutiveFailures) failure(s), \(due)\(after)"
            }
        }
        return LLMError(.overloaded,
                        "no language model server is available (\(parts.joined(separator: "; "))); retry in \(seconds) s",
                        retryAfterSeconds: seconds)
    }

    /// Changes one server's entry under the lock, then reports a move between in and out.
    private func update(_ server: Server, _ change: (inout Entry) -> Void) {
        let now = now()
        let report = table.withLock { table -> Change? in
            let wasIn = table.entries[server.index].state == .healthy
            change(&table.entries[server.index])
            let entry = table.entries[server.index]
            switch (wasIn, entry.state == .healthy) {
            case (true, false): return Change(server: server, state: .out, reason: entry.lastFailure, retryIn: entry.retryAt.map { $0 - now })
            case (false, true): return Change(server: server, state: .healthy)
            default: return nil
            }
        }
        if let report { onChange?(report) }
    }

    private static func dueTrial(in entries: [Entry], at now: ContinuousClock.Instant) -> Int? {
        entries.indices
            .filter { entries[$0].state == .out && (entries[$0].retryAt ?? now) <= now }
            .min { (entries[$0].retryAt ?? now) < (entries[$1].retryAt ?? now) }
    }

    private static func describe(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return s < 10 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}
