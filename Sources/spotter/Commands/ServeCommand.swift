import ArgumentParser
import Foundation
import Logging
import Knowledge
import Server
import SpotterApp
import Store

/// `spotter serve`: runs the daemon in the foreground until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the daemon on its Unix socket (foreground).")

    @Option(help: "Unix socket path (default: $SPOTTER_SOCKET, else $XDG_RUNTIME_DIR/spotter/spotter.sock, else ./.spotter/spotter.sock).")
    var socket: String?
    @Option(name: .customLong("socket-mode"), help: "Socket permission bits, octal: 0600 (owner only) or 0660 (group too).")
    var socketMode: String = "0600"
    @Option(help: "Data directory holding spotter.sqlite (default: $XDG_DATA_HOME/spotter, else ./.spotter).")
    var data: String?
    @Option(help: "Where users, workouts, check-ins and conversations live: sqlite:PATH or postgres://USER@HOST[:PORT]/DB (postgres://USER@/DB?host=/socket/dir for a Unix socket); default: spotter.sqlite in --data. The password comes from --database-password-file, SPOTTER_DATABASE_PASSWORD or PGPASSWORD, never from the URL.")
    var database: String?
    @Option(name: .customLong("database-password-file"), help: "A file whose first line is the PostgreSQL password.")
    var databasePasswordFile: String?
    @Option(name: .customLong("max-body"), help: "Largest JSON request body in bytes; larger bodies get 413.")
    var maxBody: Int = 1 << 20
    @Option(name: .customLong("max-upload"), help: "Largest CSV/image request body in bytes.")
    var maxUpload: Int = 32 << 20
    @Option(name: .customLong("max-connections"), help: "Most connections open at once; one more gets 503 too_many_connections.")
    var maxConnections: Int = 256
    @Option(name: .customLong("header-timeout"), help: "Seconds a new connection may take to send its request head; then 408.")
    var headerTimeout: Double = 10
    @Option(name: .customLong("idle-timeout"), help: "Seconds a keep-alive connection may sit without a request before it is closed.")
    var idleTimeout: Double = 60
    @Option(name: .customLong("admin-socket"), help: "Also listen on this admin socket (mode 0600) for operator actions: knowledge import and removal (spotter knowledge ...).")
    var adminSocket: String?
    @Flag(name: .customLong("allow-knowledge-import"), help: "Legacy: also serve the knowledge import and removal on the app socket (prefer --admin-socket).")
    var allowKnowledgeImport = false
    @Option(help: "The socket API's OpenAPI document, served at GET /openapi.json.")
    var openapi: String = "openapi.yaml"
    @Option(name: .customLong("test-http-port"), help: .hidden)
    var testHTTPPort: Int?
    @Option(name: .customLong("drain-timeout"), help: "Seconds to let in-flight requests finish after SIGTERM.")
    var drainTimeout: Double = 30
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"
    @Option(help: "The knowledge base directory (exercises, principles, program templates).")
    var knowledge: String = "knowledge"
    @Option(help: "The models directory filled by scripts/setup.sh.")
    var models: String = "models"
    @Option(help: "The agents configuration (its prompt files are relative to it).")
    var agents: String = "agents.yaml"
    @Option(name: .customLong("disable"), help: "Serve without a capability: knowledge, chat or tracker (repeatable). Its routes then answer 503; users, workouts, check-ins and imports always work.")
    var disabled: [SpotterCapability] = []

    func validate() throws {
        guard let mode = mode_t(socketMode, radix: 8), mode & ~0o777 == 0, mode & 0o600 == 0o600, mode & 0o007 == 0 else {
            throw ValidationError("--socket-mode \(socketMode) must be octal with owner read/write and no access for others, like 0600 or 0660")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error, critical") }
        guard maxBody > 0, maxUpload > 0 else { throw ValidationError("--max-body and --max-upload must be positive") }
        guard drainTimeout > 0 else { throw ValidationError("--drain-timeout must be positive") }
        if let adminSocket, adminSocket == SocketLocation.resolve(socket) {
            throw ValidationError("--admin-socket must differ from the app socket")
        }
        if let testHTTPPort, !(1...65535).contains(testHTTPPort) { throw ValidationError("--test-http-port must be 1–65535") }
        guard maxConnections > 0, headerTimeout > 0, idleTimeout > 0 else {
            throw ValidationError("--max-connections, --header-timeout and --idle-timeout must be positive")
        }
    }

    func run() async throws {
        // Files and the socket are created owner-only; the socket is then widened to --socket-mode.
        umask(0o077)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let configuration = ServerConfiguration(
            socketPath: SocketLocation.resolve(socket),
            socketMode: mode_t(socketMode, radix: 8) ?? 0o600,
            dataDirectory: data.map { URL(fileURLWithPath: $0) } ?? ServerConfiguration.defaultDataDirectory(),
            maxBodyBytes: maxBody, maxUploadBytes: maxUpload, maxConnections: maxConnections,
            headerTimeout: .milliseconds(Int64(headerTimeout * 1000)), idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
            drainTimeout: .milliseconds(Int64(drainTimeout * 1000)), handlesSignals: true, logLevel: level,
            adminSocketPath: adminSocket, testHTTPPort: testHTTPPort)
        do {
            let resources = SpotterResources(
                knowledgeDirectory: URL(fileURLWithPath: knowledge), modelsDirectory: URL(fileURLWithPath: models),
                agentsFile: URL(fileURLWithPath: agents))
            let database = try DatabaseOption(self.database, dataDirectory: configuration.dataDirectory, passwordFile: databasePasswordFile)
            // With PostgreSQL the data directory still holds this daemon's derived data: keep it to one daemon.
            let dataLock = try DatabaseOption.lockDataDirectory(configuration.dataDirectory, for: database)
            defer { dataLock?.release() }
            let store = try await database.open(logger: Logger(label: "spotter.database"))
            Logger(label: "spotter").info("database open", metadata: ["database": "\(database.description)"])
            let services = try assemble(store: store, options: AssemblyOptions(
                resources: resources, dataDirectory: configuration.dataDirectory, disabled: Set(disabled)),
                logger: Logger(label: "spotter"))
            var context = ServerContext(services: services)
            context.allowsKnowledgeImport = allowKnowledgeImport
            // A missing document only costs /openapi.json (503, logged); a broken one fails start-up.
            if FileManager.default.fileExists(atPath: openapi) {
                context.openAPI = try OpenAPIDocument(contentsOf: URL(fileURLWithPath: openapi))
            } else {
                Logger(label: "spotter").warning("no OpenAPI document at \(openapi); GET /openapi.json answers 503 (pass --openapi PATH)")
            }
            try await SpotterServer(configuration: configuration, context: context).run()
        } catch let error as ServerError {
            FileHandle.standardError.write(Data("spotter: \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch let error as SpotterAppError {
            FileHandle.standardError.write(Data("spotter: \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch let error as KnowledgeError {
            FileHandle.standardError.write(Data("spotter: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("spotter: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// How the daemon and its clients find the socket: `--socket`, then `$SPOTTER_SOCKET`, then
/// the design's default (`$XDG_RUNTIME_DIR/spotter/spotter.sock`, else `./.spotter/spotter.sock`).
enum SocketLocation {
    static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment["SPOTTER_SOCKET"], !env.isEmpty { return env }
        return ServerConfiguration.defaultSocketPath()
    }
}

extension SpotterCapability: ExpressibleByArgument {}
