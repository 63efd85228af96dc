import ArgumentParser
import Foundation
import Vocabulary
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
        @Option(help: "male, female or other.") var sex: Sex?
        @Option(help: "Bodyweight in --units.") var bodyweight: Double?
        @Option(help: "kg or lb.") var units: WeightUnit?
        @Option(help: "beginner, intermediate or advanced.") var experience: ExperienceLevel?
        @Option(help: "strength, hypertrophy, endurance, fat_loss or general.") var goal: TrainingGoal?
        @Option(name: .customLong("days-per-week")) var daysPerWeek: Int?
        @Option(help: "Available equipment (repeatable).") var equipment: [String] = []
        @Option(help: "Injuries to work around (repeatable).") var injury: [String] = []
        @Option(help: "Preference as key=value (repeatable).") var preference: [String] = []

        func run() async throws {
            var prefs: [String: String] = [:]
            for p in preference {
                let parts = p.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--preference \(p) must look like key=value") }
                prefs[String(parts[0])] = String(parts[1])
            }
            let profile = UserInput(age: age, sex: sex, bodyweight: bodyweight, units: units, experience: experience, goal: goal,
                                    daysPerWeek: daysPerWeek, equipment: equipment, injuries: injury, preferences: prefs)
            let response = try await client.send("PUT", "/v1/users/\(user)", body: try client.body(profile))
            client.output(response, as: UserOutput.self, readable: renderUser)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's profile.")
        @OptionGroup var client: ClientOptions
        @Argument var user: String

        func run() async throws {
            client.output(try await client.send("GET", "/v1/users/\(user)"), as: UserOutput.self, readable: renderUser)
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

extension Sex: ExpressibleByArgument {}
extension WeightUnit: ExpressibleByArgument {}

extension ExperienceLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public var defaultValueDescription: String { profileName }
    public static var allValueStrings: [String] { allCases.map(\.profileName) }
}

extension TrainingGoal: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public var defaultValueDescription: String { profileName }
    public static var allValueStrings: [String] { allCases.map(\.profileName) }
}
