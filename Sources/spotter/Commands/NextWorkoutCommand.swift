import ArgumentParser
import Foundation

/// `spotter next-workout --user ID`: the LSTM's next-day workout-type probabilities
/// (`GET /v1/users/{user}/next-workout`).
struct NextWorkoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next-workout", abstract: "Predict the type of a user's next workout.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String

    func run() async throws {
        let response = try await client.send("GET", "/v1/users/\(user)/next-workout")
        client.output(response) { r in
            "last 6 days: " + r["history"].array.map { "\($0["date"].text) \($0["type"].text)" }.joined(separator: ", ")
                + "\nprediction for \(r["date"].text):\n"
                + r["ranked"].array.map { p in
                    let pct = Double(p["probability"].text).map { String(format: "%5.1f%%", $0 * 100) } ?? p["probability"].text
                    return "  \(pct)  \(p["type"].text)"
                }.joined(separator: "\n")
        }
    }
}
