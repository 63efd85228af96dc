import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Where the database is and how to log in, from a URL and a password given apart.
    ///
    /// URL forms (libpq's spelling):
    /// - `postgres://USER@HOST[:PORT]/DATABASE` — TCP; TLS is used when the server offers it
    ///   (`?sslmode=disable|prefer|require`, default `prefer`);
    /// - `postgres://USER@/DATABASE?host=/run/postgresql` — a Unix socket in that directory
    ///   (`.s.PGSQL.PORT` inside it; PORT defaults to 5432).
    ///
    /// A password inside the URL is refused: it would show in `ps` and in logs. Pass it from a
    /// file or an environment variable instead (`spotter serve --database-password-file`,
    /// `SPOTTER_DATABASE_PASSWORD`, `PGPASSWORD`).
    public struct Configuration: Sendable {
        public var username: String
        public var password: String?
        public var database: String
        /// A TCP host, or nil for a Unix socket.
        public var host: String?
        public var port: Int
        /// The socket directory when `host` is nil.
        public var socketDirectory: String
        public var sslMode: String
        /// Pool size per daemon.
        public var maximumConnections: Int = 20
        /// How long `open` waits for the server (connect and migrate) before it gives up.
        public var startupTimeout: Duration = .seconds(20)

        /// Parses `url`; `password` comes from elsewhere. Throws `StoreError(.database)` naming
        /// what is wrong.
        public init(url: String, password: String? = nil) throws {
            guard let parts = URLComponents(string: url), let scheme = parts.scheme, ["postgres", "postgresql"].contains(scheme) else {
                throw StoreError(.database, "--database '\(Self.redact(url))' is not a postgres://USER@HOST/DATABASE URL")
            }
            guard parts.password == nil else {
                throw StoreError(.database, "--database must not contain a password (it would show in ps and logs); put it in SPOTTER_DATABASE_PASSWORD or a --database-password-file")
            }
            guard let user = parts.user, !user.isEmpty else {
                throw StoreError(.database, "--database \(Self.redact(url)) names no user: postgres://USER@HOST/DATABASE")
            }
            let database = String(parts.path.drop(while: { $0 == "/" }))
            guard !database.isEmpty, !database.contains("/") else {
                throw StoreError(.database, "--database \(Self.redact(url)) names no database: postgres://USER@HOST/DATABASE")
            }
            let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
            if let unknown = query.keys.first(where: { !["host", "sslmode"].contains($0) }) {
                throw StoreError(.database, "--database: unknown parameter '\(unknown)'; known: host, sslmode")
            }
            username = user.removingPercentEncoding ?? user
            self.password = password
            self.database = database.removingPercentEncoding ?? database
            port = parts.port ?? 5432
            let hostParameter = query["host"].flatMap { $0.isEmpty ? nil : $0 }
            if let h = parts.host, !h.isEmpty, hostParameter == nil {
                host = h
                socketDirectory = ""
            } else {
                host = nil
                socketDirectory = hostParameter ?? "/var/run/postgresql"
                guard socketDirectory.hasPrefix("/") else {
                    throw StoreError(.database, "--database: host=\(socketDirectory) must be an absolute socket directory")
                }
            }
            sslMode = query["sslmode"] ?? (host == nil ? "disable" : "prefer")
            guard ["disable", "prefer", "require"].contains(sslMode) else {
                throw StoreError(.database, "--database: sslmode=\(sslMode) is not disable, prefer or require")
            }
        }

        /// The URL as given, for logs and `/v1/health` (never holds a password).
        public var redactedURL: String {
            let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
            if let host { return "postgres://\(user)@\(host):\(port)/\(database)" }
            return "postgres://\(user)@/\(database)?host=\(socketDirectory)"
        }

        var clientConfiguration: PostgresClient.Configuration {
            var c: PostgresClient.Configuration
            if let host {
                let tls: PostgresClient.Configuration.TLS = switch sslMode {
                case "disable": .disable
                case "require": .require(.makeClientConfiguration())
                default: .prefer(.makeClientConfiguration())
                }
                c = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
            } else {
                c = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
            }
            c.options.maximumConnections = maximumConnections
            c.options.connectTimeout = .seconds(10)
            return c
        }

        /// `url` with anything between `://` and `@` cut to the user name.
        static func redact(_ url: String) -> String {
            guard let scheme = url.range(of: "://"), let at = url.range(of: "@", range: scheme.upperBound..<url.endIndex) else { return url }
            let credentials = url[scheme.upperBound..<at.lowerBound]
            let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            return url.replacingCharacters(in: scheme.upperBound..<at.lowerBound, with: user)
        }
    }
}
