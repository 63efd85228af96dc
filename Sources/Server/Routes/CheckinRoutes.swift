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
            let checkin = Checkin(day: input.day ?? UTCDay(Date()).text, sleepHours: input.sleepHours,
                                  soreness: input.soreness, energy: input.energy, stress: input.stress, notes: input.notes)
            let saved = try await store.saveCheckin(checkin, user: id)
            return JSONBody(CheckinWire(day: saved.day, sleepHours: saved.sleepHours, soreness: saved.soreness,
                                        energy: saved.energy, stress: saved.stress, notes: saved.notes), status: .created)
        }
    }
}
