import Foundation
import Hummingbird
import Knowledge
import SpotterApp

/// The exercise knowledge base.
///
/// - `GET /v1/knowledge/search?q=&k=&mode=bm25|dense|hybrid&kind=&muscle=&equipment=&level=&category=`
///   → `{"hits": [{"id", "kind", "title", "text", "score", "source"}]}`. `q` is required; `k`
///   defaults to 5 (1–50); filters may repeat and combine with AND (each matches any of its values).
/// - `POST /v1/knowledge/import?format=free-exercise-db` with the database's `exercises.json` as
///   the body → `{"added", "merged", "skipped", "merges"}`; exercises the knowledge base already
///   has are merged (their names become aliases), so a second import adds nothing. An operator
///   action: `403 admin_only` unless the daemon runs with `--allow-knowledge-import`.
///
/// Answers 503 (with `Retry-After`) while the index is still being built at start-up.
struct KnowledgeRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let loadable = context.services.knowledge
        router.get("/v1/knowledge/search") { request, _ in
            let index = try Self.index(loadable)
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                // Repeated filters (`muscle=chest&muscle=triceps`) join into the comma form.
                let key = String(name)
                parameters[key] = parameters[key].map { "\($0),\(value)" } ?? String(value)
            }
            let query = try SearchQuery(parameters: parameters)
            return JSONBody(SearchResults(query: query.text, mode: query.mode, hits: try index.search(query)))
        }
        let allowsImport = context.allowsKnowledgeImport
        router.post("/v1/knowledge/import") { request, ctx in
            guard allowsImport else {
                throw APIError(.forbidden, code: "admin_only", "importing into the shared knowledge base is an operator action; restart the daemon with --allow-knowledge-import, import, and restart it without")
            }
            let index = try Self.index(loadable)
            let format = request.uri.queryParameters["format"].map(String.init) ?? "free-exercise-db"
            guard format == FreeExerciseDB.source else {
                throw APIError.invalidField("format", "format '\(format.prefix(40))' is not supported; use free-exercise-db")
            }
            try request.requireContentType(["application/json", "application/octet-stream", "text/plain"])
            let body = try await request.collectBody(limit: ctx.maxUploadBytes)
            let items = try FreeExerciseDB.parse(Data(body.readableBytesView), file: "request body")
            return JSONBody(try index.importExercises(items))
        }
    }

    static func index(_ loadable: Loadable<KnowledgeIndex>?) throws -> KnowledgeIndex {
        guard let loadable else { throw APIError.unavailable("this daemon runs without a knowledge base") }
        return try loadable.current()
    }
}
