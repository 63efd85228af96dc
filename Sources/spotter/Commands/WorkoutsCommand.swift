import ArgumentParser
import Wire

/// `spotter workouts`: the user's workouts, newest first.
struct WorkoutsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workouts", abstract: "List a user's workouts, newest first.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Option(help: "How many (1–200).") var limit: Int = 10
    @Option(help: "Show workouts older than this workout id (paging).") var before: Int?

    func run() async throws {
        var path = "/v1/users/\(user)/workouts?limit=\(limit)"
        if let before { path += "&before=\(before)" }
        let response = try await client.send("GET", path)
        client.output(response, as: WorkoutPageOutput.self) { page in
            var out = page.workouts.map(renderWorkout)
            if out.isEmpty { out = ["no workouts"] }
            if let next = page.nextBefore { out.append("(more: --before \(next))") }
            return out.joined(separator: "\n")
        }
    }
}
