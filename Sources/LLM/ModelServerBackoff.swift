/// How long a failed model server stays out of the pool: exponential backoff with jitter.
///
/// After the `n`th failure in a row the server is out for `min(maximum, initial * 2^(n-1))`,
/// scaled by a random factor in `0.5..<1` ("equal jitter", so that daemons sharing servers do not
/// retry in step). When that time has passed one trial request is let through; its success puts
/// the server back, its failure doubles the wait.
public struct ModelServerBackoff: Sendable, Equatable {
    /// Out-time after the first failure (default 1 s).
    public var initial: Duration
    /// The longest out-time (default 60 s).
    public var maximum: Duration

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60)) {
        precondition(initial > .zero && maximum >= initial)
        self.initial = initial
        self.maximum = maximum
    }

    /// The out-time after `failures` failures in a row, before jitter.
    public func delay(afterFailures failures: Int) -> Duration {
        let doublings = min(max(failures - 1, 0), 30)
        let raw = initial * (1 << doublings)
        return raw < maximum ? raw : maximum
    }

    /// The jittered out-time: `delay(afterFailures:) * (0.5 + 0.5 * unit)` with `unit` in `0..<1`.
    public func jitteredDelay(afterFailures failures: Int, unit: Double) -> Duration {
        delay(afterFailures: failures) * (0.5 + 0.5 * min(max(unit, 0), 1))
    }
}
