import Hummingbird
import Store
import Wire

/// `PUT /v1/users/{user}` (create or replace the profile; 200), `GET /v1/users/{user}`,
/// `DELETE /v1/users/{user}` (the user and all their data; 204).
struct UserRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let store = context.store
        router.put("/v1/users/:user") { request, ctx in
            let id = try ctx.userID()
            let input = try await request.decodeJSON(UserInput.self, context: ctx)
            let saved = try await store.saveUser(input.profile(id: id))
            return JSONBody(UserOutput(saved))
        }
        router.get("/v1/users/:user") { _, ctx in
            let id = try ctx.userID()
            guard let profile = try await store.user(id: id) else { throw StoreError.userNotFound(id) }
            return JSONBody(UserOutput(profile))
        }
        router.delete("/v1/users/:user") { _, ctx in
            let id = try ctx.userID()
            guard try await store.deleteUser(id: id) else { throw StoreError.userNotFound(id) }
            context.services.workoutsCommitted(user: id)
            return Response(status: .noContent)
        }
    }
}

extension SpotterRequestContext {
    /// The `{user}` path parameter, validated (422 when malformed).
    func userID() throws -> String {
        let id = try parameters.require("user")
        try UserProfile.validateID(id)
        return id
    }
}
