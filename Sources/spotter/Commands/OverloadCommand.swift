import ArgumentParser
import Foundation

/// `spotter overload --user ID EXERCISE`: the next session's target for an exercise
/// (`GET /v1/users/{user}/overload/{exercise}`).
struct OverloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overload", abstract: "Next session's load and reps for an exercise.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Argument(help: "Exercise: knowledge id (barbell-bench-press), name, or the name as logged.") var exercise: String

    func run() async throws {
        let encoded = exercise.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? exercise
        let response = try await client.send("GET", "/v1/users/\(user)/overload/\(encoded)")
        client.output(response) { o in
            let range = o["rep_range"]
            return "\(o["exercise"]["name"].text): \(o["weight"].text) \(o["unit"].text) × \(o["target_reps"].text) "
                + "(reps \(range["min"].text)–\(range["max"].text)), \(o["direction"].text), confidence \(o["confidence"].text)"
                + (o["allow_pr_attempt"].text == "yes" ? "" : ", no PR attempts") + "\n"
                + o["reasons"].array.map { "  - " + $0.text }.joined(separator: "\n")
        }
    }
}
