import Coaching
import Foundation
import SpotterTestSupport
import Testing
@testable import Server
@testable import SpotterApp
import Store

/// Every committed write route (`POST /workouts`, the import, `DELETE /users`) starts the overload
/// calibration refit of a user who uses the advice in the background, so their next overload
/// request reads the cache.
@Suite struct CalibrationRefitRouteTests {
    private let hevyHeader = #""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#

    @Test func writeRoutes_refitInTheBackground_andTheNextOverloadRequestIsACacheHit() async throws {
        let fits = Counter()
        let calibrations = UserCalibrations(fit: { fits.increment(); return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3) })
        try await withDaemon(services: { store in
            let lstm = Loadable<NextWorkoutPredictor>(name: "the next-workout model")
            lstm.resolve(NextWorkoutPredictor(model: NextWorkoutLSTM(seed: 7)))
            let coaching = CoachingService(store: store, catalog: testCatalog, nextWorkout: lstm, similarity: wordOverlap,
                                           calibrations: calibrations)
            return SpotterServices(store: store, coaching: coaching, background: [coaching.refits])
        }) { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", ["units": "kg"])
            let workout: [String: Any] = ["title": "Legs", "started_at": "2025-09-15T07:48:00Z",
                                          "exercises": [["name": "Squat", "sets": [["weight": 100, "reps": 5, "rpe": 8]]]]]
            #expect(try await client.json("POST", "/v1/users/ana/workouts", workout).status == 201)
            #expect(try await client.send("GET", "/v1/users/ana/overload/Squat").status == 200)
            #expect(fits.value == 1, "the first request fits (no refit for a user who never asked)")

            var second = workout
            second["started_at"] = "2025-09-16T07:48:00Z"
            #expect(try await client.json("POST", "/v1/users/ana/workouts", second).status == 201)
            #expect(await waitUntil { fits.value == 2 })
            #expect(try await client.send("GET", "/v1/users/ana/overload/Squat").status == 200)
            #expect(fits.value == 2, "the overload request read the calibration the write refitted")

            let csv = hevyHeader + "\n" + #""Legs","17 Sep 2025, 07:48","17 Sep 2025, 08:30","","Squat",,"",0,"normal",102.5,5,,0,8"#
            #expect(try await client.send("POST", "/v1/users/ana/import?format=hevy", body: Data(csv.utf8), contentType: "text/csv").status == 200)
            #expect(await waitUntil { fits.value == 3 })
            #expect(try await client.send("GET", "/v1/users/ana/overload/Squat").status == 200)
            #expect(fits.value == 3)

            #expect(try await client.send("DELETE", "/v1/users/ana").status == 204)
            #expect(await waitUntil { calibrations.cached(user: "ana") == nil }, "a deleted user's calibration is dropped")
        }
    }
}
