import Foundation
import Hummingbird
import Knowledge

/// The exercise knowledge base.
///
/// - `GET /v1/knowledge/search?q=&k=&mode=bm25|dense|hybrid&kind=&muscle=&equipment=&level=&category=`
///   → `{"hits": [{"id", "kind", "title", "text", "score", "source"}]}`. `q` is required; `k`
///   defaults to 5 (1–50); filters may repeat and combine with AND (each matches any of its values).
/// - `POST /v1/knowledge/import?format=free-exercise-db` with the database's `exercises.json` as
///   the body → `{"added", "merged", "skipped", "merges"}`; exercises the knowledge base already
///   has are merged (their names become aliases), so a second import adds nothing.
///
/// Answers 503 (with `Retry-After`) while the index is still being built at start-up.
struct KnowledgeRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let loadable = context.capabilities[Loadable<KnowledgeIndex>.self]
        router.get("/v1/knowledge/search") { request, _ in
            let index = try Self.index(loadable)
            let query = try Self.searchQuery(from: request.uri.queryParameters)
            return JSONBody(SearchResults(hits: try index.search(query)))
        }
        router.post("/v1/knowledge/import") { request, ctx in
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

    struct SearchResults: Codable, Sendable { var hits: [SearchHit] }

    static func index(_ loadable: Loadable<KnowledgeIndex>?) throws -> KnowledgeIndex {
        guard let loadable else { throw APIError.unavailable("this daemon runs without a knowledge base") }
        return try loadable.current()
    }

    static func searchQuery(from params: Parameters) throws -> SearchQuery {
        guard let q = params["q"].map(String.init), !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalidField("q", "the query parameter q is required, e.g. ?q=knee-friendly quad exercise")
        }
        guard q.utf8.count <= 1000 else { throw APIError.invalidField("q", "q is \(q.utf8.count) bytes; the limit is 1000") }
        var query = SearchQuery(q)
        if let k = params["k"] {
            guard let n = Int(k), (1...50).contains(n) else { throw APIError.invalidField("k", "k must be a whole number from 1 to 50") }
            query.limit = n
        }
        if let m = params["mode"] {
            guard let mode = SearchMode(rawValue: String(m)) else { throw APIError.invalidField("mode", "mode must be bm25, dense or hybrid") }
            query.mode = mode
        }
        query.muscles = try values(params, "muscle") { Muscle(rawValue: $0.lowercased()) }
        query.equipment = try values(params, "equipment") { Equipment(userInput: $0) }
        query.levels = try values(params, "level") { Level(rawValue: $0.lowercased()) }
        query.categories = try values(params, "category") { ExerciseCategory(rawValue: $0.lowercased()) }
        let kinds = try values(params, "kind") { DocumentKind(rawValue: $0.lowercased()) }
        if !kinds.isEmpty { query.kinds = kinds }
        return query
    }

    private static func values<T: Hashable>(_ params: Parameters, _ name: String,
                                             _ parse: (String) -> T?) throws -> Set<T> {
        var out = Set<T>()
        for raw in params.getAll(name) {
            for part in raw.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let value = parse(text) else {
                    throw APIError.invalidField(name, "\(name) '\(text.prefix(40))' is not a known value")
                }
                out.insert(value)
            }
        }
        return out
    }
}
