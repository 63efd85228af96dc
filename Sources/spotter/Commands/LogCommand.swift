import ArgumentParser
import Foundation
import Wire

/// `spotter log`: records a workout, from flags (one exercise) or a JSON file (the API body).
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Log a workout.",
        discussion: """
        From flags: spotter log --user ana --exercise "Squat (Barbell)" --set 100x5@8 --set 100x5@8.5
        (each --set is WEIGHTxREPS with optional @RPE, weights in the user's units; prefix w: for a warm-up, e.g. w:60x8).
        From a file: spotter log --user ana --file workout.json (the POST /v1/users/{user}/workouts body).
        """)
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Option(help: "A JSON file with the workout (the API body).") var file: String?
    @Option(help: "Exercise name, as you call it.") var exercise: String?
    @Option(help: "A set: WEIGHTxREPS[@RPE], w: prefix for warm-up (repeatable).") var set: [String] = []
    @Option(help: "Workout title.") var title: String?
    @Option(help: "Start time, ISO 8601 (default: now).") var start: String?
    @Option(name: .customLong("idempotency-key"), help: "Makes retries safe: the same key is stored once.") var idempotencyKey: String?

    func run() async throws {
        let body: Data
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
            body = data
        } else {
            guard let exercise, !set.isEmpty else { throw ValidationError("give --file, or --exercise with at least one --set") }
            let startedAt: Date
            if let start {
                guard let date = WireDate.parse(start) else { throw ValidationError("--start \(start) is not an ISO 8601 date-time like 2025-09-15T07:48:00Z") }
                startedAt = date
            } else {
                startedAt = Date()
            }
            let workout = WorkoutInput(title: title, startedAt: startedAt,
                                       exercises: [.init(name: exercise, sets: try set.map(Self.parseSet))])
            body = try client.body(workout)
        }
        let key = idempotencyKey ?? UUID().uuidString
        let response = try await client.send("POST", "/v1/users/\(user)/workouts", body: body, headers: [("Idempotency-Key", key)])
        client.output(response, as: WorkoutOutput.self, readable: renderWorkout)
    }

    /// `100x5`, `100x5@8.5`, `w:60x8`, `x12` (bodyweight).
    static func parseSet(_ text: String) throws -> WorkoutSetWire {
        var rest = Substring(text)
        var result = WorkoutSetWire()
        if rest.hasPrefix("w:") { result.type = .warmup; rest = rest.dropFirst(2) }
        if let at = rest.firstIndex(of: "@") {
            guard let rpe = Double(rest[rest.index(after: at)...]) else { throw ValidationError("--set \(text): RPE after @ must be a number") }
            result.rpe = rpe
            rest = rest[..<at]
        }
        let parts = rest.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let reps = Int(parts[1]) else { throw ValidationError("--set \(text) must look like 100x5 or 100x5@8") }
        result.reps = reps
        if !parts[0].isEmpty {
            guard let weight = Double(parts[0]) else { throw ValidationError("--set \(text): weight must be a number") }
            result.weight = weight
        }
        return result
    }
}
