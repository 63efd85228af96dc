import Foundation
import Logging

/// Everything `spotter serve` can be told, with the daemon's defaults.
public struct ServerConfiguration: Sendable {
    /// The Unix socket path (≤ 107 bytes). Default: `$XDG_RUNTIME_DIR/spotter/spotter.sock`,
    /// else `./.spotter/spotter.sock`.
    public var socketPath: String
    /// Permission bits of the socket file: `0o600` (owner only, default) or `0o660` (group too;
    /// the socket directory then becomes `0o710` so group members can reach it).
    public var socketMode: mode_t
    /// Where the database lives. Default: `$XDG_DATA_HOME/spotter`, else `./.spotter`.
    public var dataDirectory: URL
    /// Largest accepted JSON body, in bytes (default 1 MiB). Larger requests get 413 before the
    /// body is read.
    public var maxBodyBytes: Int
    /// Largest accepted non-JSON body (CSV imports, images), in bytes (default 32 MiB).
    public var maxUploadBytes: Int
    /// Most connections open at once (default 256); one more is answered `503
    /// too_many_connections` with `Retry-After: 1` and closed.
    public var maxConnections: Int
    /// How long a new connection may take to send its first request head (default 10 s); then
    /// it gets `408 header_timeout` and is closed.
    public var headerTimeout: Duration
    /// How long a keep-alive connection may sit with no request before it is closed (default
    /// 60 s). A request being answered (a long chat, a stream) is never idle.
    public var idleTimeout: Duration
    /// How long SIGTERM/SIGINT waits for in-flight requests before cancelling them.
    public var drainTimeout: Duration
    /// Whether SIGTERM and SIGINT start a graceful shutdown (the daemon: yes; in-process tests:
    /// no, they cancel the task instead).
    public var handlesSignals: Bool
    public var logLevel: Logger.Level
    /// The admin socket (`--admin-socket`): the knowledge operator actions and health, always
    /// mode 0600, bound with the same checks as the app socket. Nil: no admin socket.
    public var adminSocketPath: String?
    /// Tests only (`--test-http-port`): also serve the app API on 127.0.0.1 at this TCP port, for
    /// HTTP tools that cannot use a Unix socket (schemathesis). Nil (always, in production): no TCP.
    public var testHTTPPort: Int?

    public init(
        socketPath: String = ServerConfiguration.defaultSocketPath(),
        socketMode: mode_t = 0o600,
        dataDirectory: URL = ServerConfiguration.defaultDataDirectory(),
        maxBodyBytes: Int = 1 << 20,
        maxUploadBytes: Int = 32 << 20,
        maxConnections: Int = 256,
        headerTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        drainTimeout: Duration = .seconds(30),
        handlesSignals: Bool = true,
        logLevel: Logger.Level = .info,
        adminSocketPath: String? = nil,
        testHTTPPort: Int? = nil
    ) {
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.dataDirectory = dataDirectory
        self.maxBodyBytes = maxBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.drainTimeout = drainTimeout
        self.handlesSignals = handlesSignals
        self.logLevel = logLevel
        self.adminSocketPath = adminSocketPath
        self.testHTTPPort = testHTTPPort
    }

    /// `$XDG_RUNTIME_DIR/spotter/spotter.sock`, else `./.spotter/spotter.sock`. Clients use
    /// the same rule (after `--socket` and `SPOTTER_SOCKET`).
    public static func defaultSocketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/spotter/spotter.sock"
        }
        return ".spotter/spotter.sock"
    }

    /// `$XDG_DATA_HOME/spotter`, else `./.spotter`.
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("spotter")
        }
        return URL(fileURLWithPath: ".spotter")
    }
}
