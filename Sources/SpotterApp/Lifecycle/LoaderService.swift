import Foundation
import Logging
import ServiceLifecycle

/// Loads a `Loadable` in the background once the daemon runs, on a thread of its own (loading
/// a model or building an index is CPU-bound and would block the cooperative pool), then idles
/// until shutdown. A failed load is logged and reported by the capability's routes; the daemon
/// keeps serving everything else.
public struct LoaderService<Value: Sendable>: Service {
    let target: Loadable<Value>
    let logger: Logger
    let load: @Sendable () throws -> Value

    public init(_ target: Loadable<Value>, logger: Logger, load: @escaping @Sendable () throws -> Value) {
        self.target = target
        self.logger = logger
        self.load = load
    }

    public func run() async throws {
        let start = ContinuousClock.now
        let result: Result<Value, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Result { try load() }) }
            thread.name = "spotter.loader"
            thread.start()
        }
        switch result {
        case .success(let value):
            target.resolve(value)
            logger.info("loaded", metadata: ["capability": "\(target.name)", "seconds": "\(ContinuousClock.now - start)"])
        case .failure(let error):
            target.fail("\(error)")
            logger.error("load failed", metadata: ["capability": "\(target.name)", "error": "\(error)"])
        }
        // Stay up until shutdown so the service group does not treat us as finished.
        await ServiceShutdown.wait()
    }
}
