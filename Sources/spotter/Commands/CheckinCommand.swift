import ArgumentParser
import Foundation
import Wire

/// `spotter checkin`: records today's (or a given day's) check-in.
struct CheckinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkin", abstract: "Record a daily check-in (sleep, soreness, energy, stress).")
    @OptionGroup var client: ClientOptions
    @Option(help: "User id.") var user: String
    @Option(help: "Day, YYYY-MM-DD (default: today, UTC).") var day: String?
    @Option(help: "Hours slept.") var sleep: Double?
    @Option(help: "Soreness 0–10.") var soreness: Int?
    @Option(help: "Energy 0–10.") var energy: Int?
    @Option(help: "Stress 0–10.") var stress: Int?
    @Option var notes: String?

    func run() async throws {
        let checkin = CheckinWire(day: day, sleepHours: sleep, soreness: soreness, energy: energy, stress: stress, notes: notes)
        let response = try await client.send("POST", "/v1/users/\(user)/checkins", body: try client.body(checkin))
        client.output(response, as: CheckinWire.self) { c in
            "check-in \(shown(c.day)): sleep \(shown(c.sleepHours)) h, soreness \(shown(c.soreness)), energy \(shown(c.energy)), stress \(shown(c.stress))"
        }
    }
}
