import Foundation
import Hummingbird
import Store
import Wire

/// `POST /v1/users/{user}/workouts` (201 once committed; with `Idempotency-Key`, a retry with
/// the same key and body returns the first result with `Idempotent-Replayed: true` and writes
/// nothing; the same key with another body is 409) and `GET /v1/users/{user}/workouts?limit=20&before=ID`
/// (newest first). Exercise names are matched to the knowledge base as imports are (when the
/// name matcher has loaded; a workout posted before that keeps its names unmatched). Weights are
/// in the user's unit (`RecordStore.saveWorkout(user:idempotencyKey:requestHash:building:)`; on
/// PostgreSQL the write itself checks it, so a change through another daemon is never missed).
struct WorkoutRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let store = context.store
        let resolver = context.services.nameResolver
        router.post("/v1/users/:user/workouts") { request, ctx in
            let id = try ctx.userID()
            try request.requireContentType(["application/json"])
            let body = Data(buffer: try await request.collectBody(limit: ctx.maxJSONBytes))
            let input = try WireJSON.decode(WorkoutInput.self, from: body)
            let key = request.headers[.init("Idempotency-Key")!]
            if let key, key.isEmpty || key.utf8.count > 200 {
                throw APIError.invalidField("Idempotency-Key", "the Idempotency-Key header must be 1–200 characters")
            }
            let names = resolver?.loaded
            let (saved, units) = try await store.saveWorkout(
                user: id, idempotencyKey: key, requestHash: RequestHash.fnv1a(try WireJSON.encoder.encode(input))) { units in
                var workout = input.workout(units: units)
                if let names { workout.matchExercises(names) }
                return workout
            }
            context.services.workoutsCommitted(user: id)
            var headers: HTTPFields = [.location: "/v1/users/\(id)/workouts"]
            if saved.replayed { headers[.init("Idempotent-Replayed")!] = "true" }
            return JSONBody(WorkoutOutput(saved.workout, units: units), status: .created, headers: headers)
        }
        router.get("/v1/users/:user/workouts") { request, ctx in
            let id = try ctx.userID()
            guard let profile = try await store.user(id: id) else { throw StoreError.userNotFound(id) }
            let limit = try request.queryInt("limit") ?? 20
            guard (1...200).contains(limit) else { throw APIError.invalidField("limit", "limit \(limit) is outside 1–200") }
            let before = try request.queryInt("before").map(Int64.init)
            let page = try await store.workouts(user: id, limit: limit, before: before)
            return JSONBody(WorkoutPageOutput(workouts: page.workouts.map { WorkoutOutput($0, units: profile.units) }, nextBefore: page.nextCursor))
        }
    }
}

/// A fingerprint of a request, to tell an idempotent retry from a different request reusing a
/// key. It is taken over the decoded body re-encoded canonically (sorted keys), so key order
/// and whitespace do not matter. FNV-1a 64-bit: collision resistance against accidents, not attackers.
enum RequestHash {
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
