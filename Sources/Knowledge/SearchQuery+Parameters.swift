/// The wire shape of `GET /v1/knowledge/search` (and what `spotter search` decodes).
public struct SearchResults: Sendable, Codable, Hashable {
    public var query: String
    public var mode: SearchMode
    public var hits: [SearchHit]
    public init(query: String, mode: SearchMode, hits: [SearchHit]) {
        self.query = query
        self.mode = mode
        self.hits = hits
    }
}

extension SearchQuery {
    /// The largest `k` a caller may ask for.
    public static let maximumLimit = 50

    /// Builds a query from URL query parameters, as `GET /v1/knowledge/search` receives them:
    /// `q` (required), `k` (1-50, default 5), `mode` (bm25|dense|hybrid), and the filters
    /// `muscle`, `equipment` (also `bodyweight`, `kettlebell`, ...), `level`, `category`, `kind`
    /// (exercise|principle|template); a filter may hold several values separated by commas.
    ///
    /// - Throws: `KnowledgeError` with code `.query` naming the parameter and the allowed values
    ///   (the server answers 400 with that message).
    public init(parameters: [String: String]) throws {
        func fail(_ name: String, _ message: String) -> KnowledgeError {
            KnowledgeError(.query, field: name, message)
        }
        func list(_ name: String) -> [String] {
            (parameters[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func parse<T: Hashable>(_ name: String, _ make: (String) -> T?, allowed: [String]) throws -> Set<T> {
            Set(try list(name).map { raw in
                guard let v = make(raw) else {
                    throw fail(name, "'\(raw)' is not allowed; use one of: \(allowed.joined(separator: ", "))")
                }
                return v
            })
        }
        guard let text = parameters["q"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw fail("q", "the search text is missing; pass it as q=...")
        }
        guard text.count <= 1000 else { throw fail("q", "the search text is \(text.count) characters; the limit is 1000") }
        var limit = 5
        if let k = parameters["k"] {
            guard let n = Int(k), (1...Self.maximumLimit).contains(n) else {
                throw fail("k", "'\(k)' is not a whole number from 1 to \(Self.maximumLimit)")
            }
            limit = n
        }
        var mode = SearchMode.hybrid
        if let m = parameters["mode"] {
            guard let parsed = SearchMode(rawValue: m) else { throw fail("mode", "'\(m)' is not allowed; use bm25, dense or hybrid") }
            mode = parsed
        }
        let kinds: Set<DocumentKind> = try parse("kind", DocumentKind.init(rawValue:), allowed: DocumentKind.allCases.map(\.rawValue))
        self.init(
            text, mode: mode, limit: limit, kinds: kinds.isEmpty ? Set(DocumentKind.allCases) : kinds,
            muscles: try parse("muscle", Muscle.init(rawValue:), allowed: Muscle.allCases.map(\.rawValue)),
            equipment: try parse("equipment", Equipment.init(userInput:), allowed: Equipment.allCases.map(\.rawValue)),
            levels: try parse("level", ExperienceLevel.init(catalogName:), allowed: ExperienceLevel.allCases.map(\.catalogName)),
            categories: try parse("category", ExerciseCategory.init(rawValue:), allowed: ExerciseCategory.allCases.map(\.rawValue)))
    }
}

import Foundation
