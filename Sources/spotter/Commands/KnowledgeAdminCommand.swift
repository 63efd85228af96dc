import ArgumentParser
import Foundation
import HTTPClient
import Knowledge

/// `spotter knowledge import FILE --admin-socket PATH` and `spotter knowledge remove ID
/// --admin-socket PATH`: the operator's changes to the shared knowledge base, sent to the
/// daemon's admin socket (`spotter serve --admin-socket PATH`), never to the app socket.
struct KnowledgeAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knowledge",
        abstract: "Operator actions on the shared knowledge base, over the daemon's admin socket.",
        subcommands: [Import.self, Remove.self])

    /// `--admin-socket`, else `$SPOTTER_ADMIN_SOCKET`.
    struct AdminSocket: ParsableArguments {
        @Option(name: .customLong("admin-socket"), help: "The daemon's admin socket (spotter serve --admin-socket PATH; default $SPOTTER_ADMIN_SOCKET).")
        var path: String?

        func resolved() throws -> String {
            if let path, !path.isEmpty { return path }
            if let env = ProcessInfo.processInfo.environment["SPOTTER_ADMIN_SOCKET"], !env.isEmpty { return env }
            throw ValidationError("pass --admin-socket PATH (the path the daemon was started with: spotter serve --admin-socket PATH)")
        }
    }

    /// Imports a free-exercise-db `exercises.json` (merging what the knowledge base already has).
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a free-exercise-db exercises.json; exercises already known are merged, not duplicated.")
        @Argument(help: "Path to exercises.json (free-exercise-db format).") var file: String
        @OptionGroup var admin: AdminSocket

        func run() async throws {
            try await importKnowledgeFile(file, socket: try admin.resolved())
        }
    }

    /// Removes an imported exercise, or the aliases imports gave a curated one.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an imported exercise (with its aliases and search rows), or the imported aliases of a curated one.")
        @Argument(help: "The knowledge id (see spotter search).") var id: String
        @OptionGroup var admin: AdminSocket

        func run() async throws {
            let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
            let raw = try await sendWaitingWhileLoading(HTTPRequest(
                method: "DELETE", url: "http://localhost/v1/knowledge/exercises/\(encoded)", unixSocket: try admin.resolved()))
            let report: RemovalReport = try checked(raw).decode()
            let aliases = report.aliasesRemoved.isEmpty ? "no aliases" : "aliases \(report.aliasesRemoved.joined(separator: ", "))"
            print(report.documentRemoved
                  ? "removed the imported exercise \(report.id) (\(aliases))"
                  : "\(report.id) is curated and stays; removed the imported \(aliases)")
        }
    }
}
