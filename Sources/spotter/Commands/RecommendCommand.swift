import ArgumentParser
import Foundation
import Wire

/// `spotter recommend exercises|programs --user ID`: the recommenders' top picks with scores and
/// reasons (`GET /v1/users/{user}/recommendations/...`).
struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend", abstract: "Recommend exercises or programs for a user.",
        subcommands: [RecommendExercisesCommand.self, RecommendProgramsCommand.self])
}

struct RecommendExercisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercises", abstract: "Top exercises for a user, with per-component scores.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Option(help: "How many (1–50).") var k = 10
    @Option(help: "Only exercises whose primary muscles include this one (e.g. chest, \"lower back\").") var muscle: String?

    func run() async throws {
        var path = "/v1/users/\(user)/recommendations/exercises?k=\(k)"
        if let muscle { path += "&muscle=" + (muscle.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? muscle) }
        let response = try await client.send("GET", path)
        client.output(response, as: ExerciseRecommendationsWire.self) { r in
            let head = r.coldStart ? "(cold start: no history yet)\n" : ""
            return head + r.recommendations.enumerated().map { i, e in
                let c = e.components
                return "\(i + 1). \(e.name) [\(shown(e.equipment))] \(shown(e.score))/100 "
                    + "(balance \(shown(c["muscle_balance"])), recovery \(shown(c["recovery"])), preference \(shown(c["preference"])), "
                    + "goal \(shown(c["goal_alignment"])), experience \(shown(c["experience_match"])), novelty \(shown(c["novelty"])))\n   "
                    + e.reasons.joined(separator: " ")
            }.joined(separator: "\n")
        }
    }
}

struct RecommendProgramsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "programs", abstract: "Program templates that fit a user's profile.")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Option(help: "How many (1–20).") var k = 3

    func run() async throws {
        let response = try await client.send("GET", "/v1/users/\(user)/recommendations/programs?k=\(k)")
        client.output(response, as: ProgramRecommendationsWire.self) { r in
            r.programs.enumerated().map { i, p in
                "\(i + 1). \(p.name) (\(p.id)): score \(shown(p.score)), rules \(shown(p.ruleScore))/100, "
                    + "similarity \(shown(p.similarity))\n   " + p.reasons.joined(separator: " ")
            }.joined(separator: "\n")
        }
    }
}
