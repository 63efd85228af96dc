import ArgumentParser
import Foundation

/// `spotter import --format hevy|strong FILE --user U`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a Hevy or Strong CSV export (all or nothing; re-imports add nothing).")
    @OptionGroup var client: ClientOptions
    @Option(help: "hevy or strong.") var format: String
    @Option(help: "User id (the user must exist).") var user: String
    @Option(help: "Time zone of the export's local times, e.g. Europe/Berlin (default UTC).") var tz: String?
    @Argument(help: "The CSV file.") var file: String

    func validate() throws {
        guard ["hevy", "strong"].contains(format.lowercased()) else { throw ValidationError("--format must be hevy or strong") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
        var path = "/v1/users/\(user)/import?format=\(format.lowercased())"
        if let tz { path += "&tz=\(tz.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? tz)" }
        let response = try await client.send("POST", path, body: data, contentType: "text/csv")
        client.output(response) { r in
            var lines = ["imported \(r["sessions_imported"].text) sessions, \(r["sets_imported"].text) sets (\(r["sessions_already_present"].text) sessions already present)"]
            let skipped = r["skipped_rows"].array
            if !skipped.isEmpty {
                lines.append("skipped \(skipped.count) rows:")
                lines += skipped.prefix(20).map { "  line \($0["line"].text): \($0["reason"].text)" }
                if skipped.count > 20 { lines.append("  … (\(skipped.count - 20) more; see --json)") }
            }
            let unmatched = r["unmatched_exercises"].array
            if !unmatched.isEmpty { lines.append("exercise names not matched to the knowledge base (\(unmatched.count)): \(unmatched.map(\.text).joined(separator: ", "))") }
            return lines.joined(separator: "\n")
        }
    }
}
