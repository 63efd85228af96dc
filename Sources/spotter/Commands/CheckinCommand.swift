import ArgumentParser
import Foundation

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
        var body: [String: Any] = [:]
        if let day { body["day"] = day }
        if let sleep { body["sleep_hours"] = sleep }
        if let soreness { body["soreness"] = soreness }
        if let energy { body["energy"] = energy }
        if let stress { body["stress"] = stress }
        if let notes { body["notes"] = notes }
        let response = try await client.send("POST", "/v1/users/\(user)/checkins", body: try JSONSerialization.data(withJSONObject: body))
        client.output(response) { c in
            "check-in \(c["day"].text): sleep \(c["sleep_hours"].text) h, soreness \(c["soreness"].text), energy \(c["energy"].text), stress \(c["stress"].text)"
        }
    }
}
