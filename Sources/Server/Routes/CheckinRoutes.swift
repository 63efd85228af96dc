import Foundation
import Hummingbird
import Store
import Wire

/// `POST /v1/users/{user}/checkins`: records the day's check-in (201; a second one for the same
/// day replaces the first).
struct CheckinRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let store = context.store
        router.post("/v1/users/:user/checkins") { request, ctx in
            let id = try ctx.userID()
            let input = try await request.decodeJSON(CheckinWire.self, context: ctx)
            var day = UTCDay(Date())
            if let text = input.day {
                guard let given = UTCDay(text) else { throw APIError.invalidField("day", "day '\(text.prefix(40))' must be a date like 2025-09-15") }
                day = given
            }
            let checkin = CheckIn(day: day, sleepHours: input.sleepHours, soreness: input.soreness, energy: input.energy,
                                  stress: input.stress, notes: input.notes)
            let saved = try await store.saveCheckin(checkin, user: id)
            return JSONBody(CheckinWire(day: saved.day.text, sleepHours: saved.sleepHours, soreness: saved.soreness,
                                        energy: saved.energy, stress: saved.stress, notes: saved.notes), status: .created)
        }
    }
}
