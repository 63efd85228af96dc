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
    /// How long SIGTERM/SIGINT waits for in-flight requests before cancelling them.
    public var drainTimeout: Duration
    /// Whether SIGTERM and SIGINT start a graceful shutdown (the daemon: yes; in-process tests:
    /// no, they cancel the task instead).
    public var handlesSignals: Bool
    public var logLevel: Logger.Level

    public init(
        socketPath: String = ServerConfiguration.defaultSocketPath(),
        socketMode: mode_t = 0o600,
        dataDirectory: URL = ServerConfiguration.defaultDataDirectory(),
        maxBodyBytes: Int = 1 << 20,
        maxUploadBytes: Int = 32 << 20,
        drainTimeout: Duration = .seconds(30),
        handlesSignals: Bool = true,
        logLevel: Logger.Level = .info
    ) {
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.dataDirectory = dataDirectory
        self.maxBodyBytes = maxBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.drainTimeout = drainTimeout
        self.handlesSignals = handlesSignals
        self.logLevel = logLevel
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
