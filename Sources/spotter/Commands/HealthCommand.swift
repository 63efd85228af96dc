import ArgumentParser

/// `spotter health`: the daemon's status.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Show whether the daemon is up, its version and database.")
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let response = try await client.send("GET", "/v1/health")
        client.output(response) { h in
            """
            status:   \(h["status"].text)
            version:  \(h["version"].text)
            uptime:   \(h["uptime_seconds"].text) s
            database: \(h["database"]["engine"].text) \(h["database"]["location"].text) (schema v\(h["database"]["schema_version"].text))
            socket:   \(client.socketPath)
            """
        }
    }
}
