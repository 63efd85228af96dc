import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Runs `reload` whenever the daemon receives SIGHUP (`systemctl reload spotter`, `kill -HUP`),
/// logging success or the error; the daemon keeps serving either way (a failed reload keeps the
/// running configuration). The reload runs on a dispatch queue, off Swift's cooperative pool.
public struct HangupReloadService: Service {
    let name: String
    let logger: Logger
    let reload: @Sendable () throws -> String

    /// - Parameter reload: re-reads the configuration and returns a short summary for the log.
    public init(name: String, logger: Logger, reload: @escaping @Sendable () throws -> String) {
        self.name = name
        self.logger = logger
        self.reload = reload
    }

    public func run() async throws {
        signal(SIGHUP, SIG_IGN)   // the dispatch source receives it instead of the default (terminate)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "spotter.sighup"))
        let (logger, name, reload) = (self.logger, self.name, self.reload)
        source.setEventHandler {
            do {
                let summary = try reload()
                logger.info("reloaded on SIGHUP", metadata: ["what": "\(name)", "summary": "\(summary)"])
            } catch {
                logger.error("reload on SIGHUP failed; still serving the previous configuration",
                             metadata: ["what": "\(name)", "error": "\(error)"])
            }
        }
        source.resume()
        await ServiceShutdown.wait()
        source.cancel()
    }
}
