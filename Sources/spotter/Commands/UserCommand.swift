import ArgumentParser
import Foundation
import Wire

/// `spotter user set|get|delete USER`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Create, show or delete a user profile.",
                                                    subcommands: [Set.self, Get.self, Delete.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or replace a user's profile.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "User id (letters, digits, '.', '_', '-').") var user: String
        @Option var age: Int?
        @Option(help: "male, female or other.") var sex: String?
        @Option(help: "Bodyweight in --units.") var bodyweight: Double?
        @Option(help: "kg or lb.") var units: String?
        @Option(help: "beginner, intermediate or advanced.") var experience: String?
        @Option(help: "strength, hypertrophy, endurance, fat_loss or general.") var goal: String?
        @Option(name: .customLong("days-per-week")) var daysPerWeek: Int?
        @Option(help: "Available equipment (repeatable).") var equipment: [String] = []
        @Option(help: "Injuries to work around (repeatable).") var injury: [String] = []
        @Option(help: "Preference as key=value (repeatable).") var preference: [String] = []

        func run() async throws {
            var body: [String: Any] = ["equipment": equipment, "injuries": injury]
            if let age { body["age"] = age }
            if let sex { body["sex"] = sex }
            if let bodyweight { body["bodyweight"] = bodyweight }
            if let units { body["units"] = units }
            if let experience { body["experience"] = experience }
            if let goal { body["goal"] = goal }
            if let daysPerWeek { body["days_per_week"] = daysPerWeek }
            var prefs: [String: String] = [:]
            for p in preference {
                let parts = p.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--preference \(p) must look like key=value") }
                prefs[String(parts[0])] = String(parts[1])
            }
            body["preferences"] = prefs
            let data = try JSONSerialization.data(withJSONObject: body)
            let response = try await client.send("PUT", "/v1/users/\(user)", body: data)
            client.output(response, readable: renderUser)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's profile.")
        @OptionGroup var client: ClientOptions
        @Argument var user: String

        func run() async throws {
            client.output(try await client.send("GET", "/v1/users/\(user)"), readable: renderUser)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a user and all their data.")
        @OptionGroup var client: ClientOptions
        @Argument var user: String

        func run() async throws {
            _ = try await client.send("DELETE", "/v1/users/\(user)")
            print(client.json ? "{\"deleted\":\"\(user)\"}" : "deleted user \(user) and all their data")
        }
    }
}

func renderUser(_ u: JSONValue) -> String {
    let prefs: String
    if case .object(let o) = u["preferences"], !o.isEmpty {
        prefs = o.keys.sorted().map { "\($0)=\(o[$0]!.text)" }.joined(separator: ", ")
    } else { prefs = "-" }
    return """
    user:        \(u["id"].text)
    age:         \(u["age"].text)   sex: \(u["sex"].text)
    bodyweight:  \(u["bodyweight"].text) \(u["units"].text)
    experience:  \(u["experience"].text)   goal: \(u["goal"].text)   days/week: \(u["days_per_week"].text)
    equipment:   \(u["equipment"].array.isEmpty ? "-" : u["equipment"].text)
    injuries:    \(u["injuries"].array.isEmpty ? "-" : u["injuries"].text)
    preferences: \(prefs)
    """
}
