import ArgumentParser
import Foundation

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
        client.output(response) { r in
            let head = r["cold_start"].text == "yes" ? "(cold start: no history yet)\n" : ""
            return head + r["recommendations"].array.enumerated().map { i, e in
                let c = e["components"]
                return "\(i + 1). \(e["name"].text) [\(e["equipment"].text)] \(e["score"].text)/100 "
                    + "(balance \(c["muscle_balance"].text), recovery \(c["recovery"].text), preference \(c["preference"].text), "
                    + "goal \(c["goal_alignment"].text), experience \(c["experience_match"].text), novelty \(c["novelty"].text))\n   "
                    + e["reasons"].array.map(\.text).joined(separator: " ")
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
        client.output(response) { r in
            r["programs"].array.enumerated().map { i, p in
                "\(i + 1). \(p["name"].text) (\(p["id"].text)): score \(p["score"].text), rules \(p["rule_score"].text)/100, "
                    + "similarity \(p["similarity"].text)\n   " + p["reasons"].array.map(\.text).joined(separator: " ")
            }.joined(separator: "\n")
        }
    }
}
