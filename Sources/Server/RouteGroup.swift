import Hummingbird

/// A set of related endpoints, one file each (`UserRoutes`, `WorkoutRoutes`, ...). This is the
/// seam for adding capabilities to the daemon.
///
/// To add one: write a struct that conforms, holding what it needs (usually the
/// `ServerContext`), and append it to `SpotterServer.routeGroups(context:)` (one line) or pass
/// it to `SpotterServer(configuration:context:routeGroups:)`.
///
/// ```swift
/// struct KnowledgeRoutes: RouteGroup {
///     let context: ServerContext
///     func register(on router: Router<SpotterRequestContext>) {
///         router.get("/v1/knowledge/search") { request, _ in
///             guard let q = request.uri.queryParameters["q"] else {
///                 throw APIError.invalidField("q", "the query parameter q is required")
///             }
///             return JSONBody(try await search(String(q)))   // any Encodable & Sendable
///         }
///     }
/// }
/// ```
/// Inside handlers, throw `APIError` (or a module error that `ErrorResponses.swift` translates)
/// and every failure gets the one JSON error shape; decode bodies with
/// `request.decodeJSON(_:context:)` so limits, content type and field errors are uniform.
public protocol RouteGroup: Sendable {
    func register(on router: Router<SpotterRequestContext>)
}
