import ArgumentParser
import Foundation
import Wire

/// `spotter next-workout --user ID`: the LSTM's next-day workout-type probabilities
/// (`GET /v1/users/{user}/next-workout`).
struct NextWorkoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next-workout", abstract: "Predict the type of a user's next workout.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String

    func run() async throws {
        let response = try await client.send("GET", "/v1/users/\(user)/next-workout")
        client.output(response, as: NextWorkoutWire.self) { r in
            "last 6 days: " + r.history.map { "\($0.date) \($0.type)" }.joined(separator: ", ")
                + "\nprediction for \(r.date):\n"
                + r.ranked.map { p in "  \(String(format: "%5.1f%%", p.probability * 100))  \(p.type)" }.joined(separator: "\n")
        }
    }
}
