import Foundation
import Logging
import PostgresStore
import Store

/// Which database holds the shared records (`spotter serve --database`):
/// - `sqlite:PATH` — one SQLite file (its directory is locked against a second daemon);
/// - `postgres://USER@HOST[:PORT]/DB` or `postgres://USER@/DB?host=/socket/dir` — PostgreSQL,
///   shared by several daemons. The password never comes from the command line: it is read from
///   `--database-password-file`, else `SPOTTER_DATABASE_PASSWORD`, else `PGPASSWORD`.
/// Without the option: `spotter.sqlite` in the data directory (the embedded default).
///
/// Derived data (the knowledge index, eval history, model caches) stays in the data directory
/// whichever database is chosen, and the data directory stays locked to one daemon.
public enum DatabaseOption: Sendable {
    case sqlite(directory: URL, fileName: String)
    case postgres(PostgresStore.Configuration)

    /// Reads `spec` (nil: the SQLite default in `dataDirectory`). `environment` and
    /// `passwordFile` give the PostgreSQL password. Throws `StoreError(.database)` naming the problem.
    public init(_ spec: String?, dataDirectory: URL, passwordFile: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let spec, !spec.isEmpty else {
            self = .sqlite(directory: dataDirectory, fileName: SpotterStore.fileName)
            return
        }
        if spec.hasPrefix("sqlite:") {
            let path = String(spec.dropFirst("sqlite:".count))
            guard !path.isEmpty, !path.hasSuffix("/") else {
                throw StoreError(.database, "--database sqlite:PATH needs a file path, like sqlite:/var/lib/spotter/spotter.sqlite")
            }
            let url = URL(fileURLWithPath: path)
            self = .sqlite(directory: url.deletingLastPathComponent(), fileName: url.lastPathComponent)
        } else if spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://") {
            self = .postgres(try PostgresStore.Configuration(url: spec, password: try Self.password(file: passwordFile, environment: environment)))
        } else {
            throw StoreError(.database, "--database must be sqlite:PATH or postgres://USER@HOST/DATABASE")
        }
    }

    /// Where the records live, without any password (for logs).
    public var description: String {
        switch self {
        case .sqlite(let directory, let fileName): directory.appendingPathComponent(fileName).path
        case .postgres(let configuration): configuration.redactedURL
        }
    }

    /// Opens the store (SQLite: takes the directory's lock; PostgreSQL: connects and migrates).
    public func open(logger: Logger) async throws -> any RecordStore {
        switch self {
        case .sqlite(let directory, let fileName):
            return try SpotterStore.open(directory: directory, fileName: fileName)
        case .postgres(let configuration):
            return try await PostgresStore.open(configuration, logger: logger)
        }
    }

    /// The password from `file` (its first line), else `SPOTTER_DATABASE_PASSWORD`, else `PGPASSWORD`, else nil.
    static func password(file: String?, environment: [String: String]) throws -> String? {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw StoreError(.database, "cannot read --database-password-file \(file)")
            }
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        return environment["SPOTTER_DATABASE_PASSWORD"] ?? environment["PGPASSWORD"]
    }
}

extension DatabaseOption {
    /// With PostgreSQL, creates (0700) and locks the data directory, which still holds this
    /// daemon's derived data (the knowledge index); nil for SQLite, whose `open` takes the lock.
    public static func lockDataDirectory(_ directory: URL, for option: DatabaseOption) throws -> DataDirectoryLock? {
        guard case .postgres = option else { return nil }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.database, "cannot create the data directory \(directory.path): \(error.localizedDescription); pass --data DIR with a writable directory")
        }
        return try DataDirectoryLock(directory: directory)
    }
}
