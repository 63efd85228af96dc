import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests: started once per test process on first use by
/// `scripts/postgres.sh start` (initdb + pg_ctl in a temporary directory, Unix socket only) and
/// stopped when the process exits. With `SPOTTER_TEST_POSTGRES_URL` set (a URL in the script's
/// `postgres://USER@/DB?host=DIR` form) that server is used instead and left running.
///
/// Each test gets its own database (`createDatabase()`), so tests never see each other's rows.
public enum ThrowawayPostgres {
    /// The socket directory and the superuser of the running cluster.
    public struct Cluster: Sendable {
        public var socketDirectory: String
        public var user: String

        /// A URL for `database` on this cluster.
        public func url(database: String) -> String { "postgres://\(user)@/\(database)?host=\(socketDirectory)" }
    }

    /// The cluster, started on first use; throws with the script's output when it cannot start.
    public static func cluster() throws -> Cluster {
        try shared.get()
    }

    /// Creates a fresh, empty database and returns its URL.
    public static func createDatabase(prefix: String = "t") throws -> String {
        let cluster = try cluster()
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try run(["psql", "-X", "-q", "-h", cluster.socketDirectory, "-U", cluster.user, "-d", "postgres",
                 "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"])
        return cluster.url(database: name)
    }

    /// Runs SQL on the cluster's `database` with psql and returns its unaligned output (for
    /// checks that look under the store's API, such as counting rows).
    public static func psql(database: String, _ sql: String) throws -> String {
        let cluster = try cluster()
        return try run(["psql", "-X", "-q", "-A", "-t", "-h", cluster.socketDirectory, "-U", cluster.user, "-d", database,
                        "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    private static let shared: Result<Cluster, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment["SPOTTER_TEST_POSTGRES_URL"], !url.isEmpty {
            return try parse(url)
        }
        let script = repositoryRoot().appendingPathComponent("scripts/postgres.sh").path
        let url = try run([script, "start"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let cluster = try parse(url)
        startedDirectory = cluster.socketDirectory
        atexit {
            guard let directory = ThrowawayPostgres.startedDirectory else { return }
            _ = try? ThrowawayPostgres.run([repositoryRoot().appendingPathComponent("scripts/postgres.sh").path, "stop", directory])
        }
        return cluster
    }

    nonisolated(unsafe) private static var startedDirectory: String?

    private static func parse(_ url: String) throws -> Cluster {
        guard let parts = URLComponents(string: url), let user = parts.user,
              let host = parts.queryItems?.first(where: { $0.name == "host" })?.value else {
            throw ThrowawayPostgresError(message: "cannot read the cluster URL '\(url)' (want postgres://USER@/DB?host=DIR)")
        }
        return Cluster(socketDirectory: host, user: user)
    }

    /// Runs `arguments` (found on PATH) with stdout and stderr in temporary files, waiting with
    /// `waitpid` (Foundation's `Process.waitUntilExit` can hang when the process is exiting,
    /// which is when the cluster is stopped). Returns stdout; throws with stderr on failure.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("spg-run-\(UUID().uuidString.prefix(8))").path
        defer { unlink(base + ".out"); unlink(base + ".err") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ThrowawayPostgresError(message: "cannot start \(arguments.first ?? ""): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
            throw ThrowawayPostgresError(message: "\(arguments.first ?? "") failed (status \(status)): \(errors)")
        }
        return output
    }
}

/// Why the throwaway cluster could not be used.
public struct ThrowawayPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
