import Foundation
import NIOCore
import Synchronization

/// The daemon's connection limits, shared by every connection of one server: at most
/// `maxConnections` open at once, and a request head within `headerTimeout` of connecting.
///
/// A connection over the cap is accepted, answered `503` with the JSON error shape
/// (`too_many_connections`, `Retry-After: 1`) as soon as its first bytes arrive, and closed; it
/// never holds a request slot. A connection that sends no complete request head in time gets
/// `408` (`header_timeout`) and is closed. Idle keep-alive connections are closed by
/// Hummingbird's idle timeout (`ServerConfiguration.idleTimeout`). Together they keep one
/// client from exhausting file descriptors and locking everyone else out (issue #15 item 4).
public final class ConnectionGuard: Sendable {
    public let maxConnections: Int
    public let headerTimeout: Duration
    private let open = Mutex(0)
    private let refusedCount = Mutex(0)

    public init(maxConnections: Int, headerTimeout: Duration) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
    }

    /// Connections open now (counted ones only).
    public var openConnections: Int { open.withLock { $0 } }
    /// Connections refused over the cap since start.
    public var refused: Int { refusedCount.withLock { $0 } }

    /// Counts a new connection; false when it is over the cap (and then is not counted).
    func admit() -> Bool {
        let admitted = open.withLock { count -> Bool in
            guard count < maxConnections else { return false }
            count += 1
            return true
        }
        if !admitted { refusedCount.withLock { $0 += 1 } }
        return admitted
    }

    func release() { open.withLock { $0 -= 1 } }

    /// The raw HTTP/1.1 response (JSON error shape) sent before closing a refused connection.
    static func response(status: String, code: String, message: String, retryAfter: Int?) -> [UInt8] {
        let body = #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#
        var head = "HTTP/1.1 \(status)\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        if let retryAfter { head += "Retry-After: \(retryAfter)\r\n" }
        return Array((head + "\r\n" + body).utf8)
    }
}
