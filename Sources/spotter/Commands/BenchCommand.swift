import ArgumentParser
import Foundation

/// `spotter bench [SECTION...]`: runs the named benchmark sections, or all of them.
///
/// Sections register in `BenchSection.all` (one line each; see `Bench/BenchSection.swift`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the daemon and its engines (run a release build: make bench).",
        discussion: "Sections: " + BenchSection.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; "))

    @Argument(help: "Sections to run (default: all).") var sections: [String] = []
    @Flag(help: "List the sections and exit.") var list = false
    @Option(help: "Requests per measurement (more = steadier percentiles).") var requests: Int = 2000
    @Option(help: "Export format of the replay file: hevy or strong.") var format: String = "hevy"

    func run() async throws {
        if list {
            for s in BenchSection.all { print("\(s.name)\t\(s.summary)") }
            return
        }
        // `replay FILE`: the word after `replay` is its export file unless it names a section.
        var sections = self.sections, replayFile: String?
        if let i = sections.firstIndex(of: "replay"), i + 1 < sections.count, !BenchSection.all.contains(where: { $0.name == sections[i + 1] }) {
            replayFile = sections.remove(at: i + 1)
        }
        guard ["hevy", "strong"].contains(format) else { throw ValidationError("--format must be hevy or strong, not '\(format)'") }
        let unknown = sections.filter { name in !BenchSection.all.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw ValidationError("unknown bench section(s) \(unknown.joined(separator: ", ")); known: \(BenchSection.all.map(\.name).joined(separator: ", "))")
        }
        let chosen = sections.isEmpty ? BenchSection.all : BenchSection.all.filter { sections.contains($0.name) }
        #if DEBUG
        print("note: this is a debug build; figures are only meaningful from `make bench` (release)")
        #endif
        for section in chosen {
            print("== \(section.name): \(section.summary)")
            try await section.run(BenchOptions(requests: requests, replayFile: replayFile, replayFormat: format))
        }
    }
}
