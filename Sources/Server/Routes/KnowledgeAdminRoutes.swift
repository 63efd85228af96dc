import Foundation
import Hummingbird
import Knowledge
import SpotterApp

/// Operator actions on the shared knowledge base. What is imported reaches every user's
/// retrieval and its names become aliases of curated exercises, so these are served on the
/// admin socket (`spotter serve --admin-socket PATH`, mode 0600), not to app clients; the app
/// socket answers `403 admin_only` unless the daemon runs with the legacy
/// `--allow-knowledge-import`.
///
/// - `POST /v1/knowledge/import?format=free-exercise-db` with the database's `exercises.json` as
///   the body → `{"added", "merged", "skipped", "merges"}`; exercises the knowledge base already
///   has are merged (their names become aliases), so a second import adds nothing.
/// - `DELETE /v1/knowledge/exercises/{id}` → `{"id", "document_removed", "aliases_removed",
///   "import_entries_removed"}`: an exercise an import added goes with its search-index rows and
///   aliases; a curated exercise stays and loses only the aliases imports gave it. 404 for an
///   unknown id, 409 `curated` for a curated entry imports put nothing under.
///
/// Both answer 503 (with `Retry-After`) while the index is still being built at start-up.
///
/// Each change is committed to the store's shared knowledge log before it is applied to this
/// daemon's index (`KnowledgeChanges`); every other daemon on the same database applies it
/// within seconds (`KnowledgeLogFollowerService`).
struct KnowledgeAdminRoutes: RouteGroup {
    let context: ServerContext
    /// Whether this listener serves the actions: the admin socket always, the app socket only
    /// with `--allow-knowledge-import`.
    let allowed: Bool

    static let adminOnly = APIError(.forbidden, code: "admin_only",
        "changing the shared knowledge base is an operator action: send it to the admin socket (spotter serve --admin-socket PATH, then spotter knowledge import|remove --admin-socket PATH); the legacy alternative is restarting the daemon with --allow-knowledge-import")

    func register(on router: Router<SpotterRequestContext>) {
        let changes = context.services.knowledgeChanges
        let allowed = self.allowed
        router.post("/v1/knowledge/import") { request, ctx in
            guard allowed else { throw Self.adminOnly }
            let changes = try Self.changes(changes)
            let format = request.uri.queryParameters["format"].map(String.init) ?? FreeExerciseDB.source
            guard format == FreeExerciseDB.source else {
                throw APIError.invalidField("format", "format '\(format.prefix(40))' is not supported; use free-exercise-db")
            }
            try request.requireContentType(["application/json", "application/octet-stream", "text/plain"])
            let body = try await request.collectBody(limit: ctx.maxUploadBytes)
            let items = try FreeExerciseDB.parse(Data(body.readableBytesView), file: "request body")
            return JSONBody(try await changes.importExercises(items))
        }
        router.delete("/v1/knowledge/exercises/:id") { _, ctx in
            guard allowed else { throw Self.adminOnly }
            let raw = try ctx.parameters.require("id")
            let id = raw.removingPercentEncoding ?? raw
            return JSONBody(try await Self.changes(changes).removeImported(id: id))
        }
    }

    static func changes(_ changes: KnowledgeChanges?) throws -> KnowledgeChanges {
        guard let changes else { throw APIError.unavailable("this daemon runs without a knowledge base") }
        return changes
    }
}
