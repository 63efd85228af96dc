import Foundation
import Hummingbird
import Knowledge
import SpotterApp

/// The exercise knowledge base.
///
/// - `GET /v1/knowledge/search?q=&k=&mode=bm25|dense|hybrid&kind=&muscle=&equipment=&level=&category=`
///   → `{"hits": [{"id", "kind", "title", "text", "score", "source"}]}`. `q` is required; `k`
///   defaults to 5 (1–50); filters may repeat and combine with AND (each matches any of its values).
///
/// Changing the knowledge base (import, removal) is an operator action: `KnowledgeAdminRoutes`.
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
    }

    static func index(_ loadable: Loadable<KnowledgeIndex>?) throws -> KnowledgeIndex {
        guard let loadable else { throw APIError.unavailable("this daemon runs without a knowledge base") }
        return try loadable.current()
    }
}
