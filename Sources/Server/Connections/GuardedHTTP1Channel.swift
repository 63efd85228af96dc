import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with a `ConnectionGuardHandler` in front of the HTTP
/// parser, so that the connection cap and header timeout apply before any request is parsed.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let limits: ConnectionGuard

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuardHandler(limits: limits), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with Spotter's connection limits: `limits` (cap and header timeout) and
    /// Hummingbird's idle timeout.
    static func guardedHTTP1(limits: ConnectionGuard, idleTimeout: Duration) -> HTTPServerBuilder {
        .init { responder in
            GuardedHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: .nanoseconds(idleTimeout.nanoseconds))),
                                limits: limits)
        }
    }
}
