import ArgumentParser
import Foundation
import Wire

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
        client.output(response, as: OverloadWire.self) { o in
            "\(o.exercise.name): \(shown(o.weight)) \(o.unit) × \(o.targetReps) "
                + "(reps \(o.repRange.min)–\(o.repRange.max)), \(o.direction), confidence \(shown(o.confidence))"
                + (o.allowPRAttempt ? "" : ", no PR attempts") + "\n"
                + o.reasons.map { "  - " + $0 }.joined(separator: "\n")
                + (o.acceptance.map { a in
                    "\n  your log as feedback: \(Self.tally(a.exercise)) on this exercise, \(Self.tally(a.user)) overall; "
                        + "load added at RPE ≤ \(shown(a.increaseAtRPE))"
                } ?? "")
        }
    }

    /// "7 of 12 suggestions followed (3 heavier, 1 lighter, 1 missed reps)".
    static func tally(_ t: OverloadWire.Tally) -> String {
        "\(t.accepted) of \(t.total) suggestions followed (\(t.changedUp) heavier, \(t.changedDown) lighter, \(t.failed) missed reps)"
    }
}
