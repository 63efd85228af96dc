import ArgumentParser
import Foundation
import Wire
import HTTPClient
import Knowledge

// Knowledge-base client commands. Both talk to the daemon over its Unix socket:
//   spotter search "query" [-k 5] [--muscle chest] [--equipment dumbbell] [--mode hybrid]
//       -> GET /v1/knowledge/search?q=&k=&muscle=&equipment=&mode=   (response: SearchResults;
//          the server builds its query with SearchQuery(parameters:))
//   spotter import-exercises FILE
//       -> POST /v1/knowledge/import?format=free-exercise-db with the file as the JSON body
//          (response: ImportReport {added, merged, skipped, merges})

/// Where the daemon listens: `$XDG_RUNTIME_DIR/spotter/spotter.sock`, else `./.spotter/spotter.sock`.
func defaultKnowledgeSocketPath() -> String {
    if let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
        return runtime + "/spotter/spotter.sock"
    }
    return FileManager.default.currentDirectoryPath + "/.spotter/spotter.sock"
}

/// Fails with the daemon's error message when the status is not 2xx.
func checked(_ response: HTTPResponse) throws -> HTTPResponse {
    guard (200..<300).contains(response.status) else {
        let detail = (try? response.decode(ErrorEnvelope.self)).map { "\($0.error.code): \($0.error.message)" } ?? response.text
        fail("the daemon answered \(response.status): \(detail)")
    }
    return response
}

/// `spotter search "query"`: searches the knowledge base through the daemon.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the exercise knowledge base (BM25 + embeddings, fused).")

    @Argument(help: "What to look for, in plain words.") var query: String
    @Option(name: .short, help: "Number of results.") var k: Int = 5
    @Option(help: "Only exercises whose primary muscles include this (e.g. chest, 'lower back').") var muscle: String?
    @Option(help: "Only exercises using this equipment (e.g. dumbbell, bodyweight).") var equipment: String?
    @Option(help: "bm25, dense or hybrid.") var mode: String = "hybrid"
    @Option(help: "The daemon's socket.") var socket: String = defaultKnowledgeSocketPath()
    @Flag(help: "Print the raw JSON response.") var json = false

    func validate() throws {
        guard (1...SearchQuery.maximumLimit).contains(k) else { throw ValidationError("-k must be between 1 and \(SearchQuery.maximumLimit)") }
        guard SearchMode(rawValue: mode) != nil else { throw ValidationError("--mode must be bm25, dense or hybrid") }
        if let muscle, Muscle(rawValue: muscle) == nil {
            throw ValidationError("unknown muscle '\(muscle)'; use one of: \(Muscle.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let equipment, Equipment(userInput: equipment) == nil {
            throw ValidationError("unknown equipment '\(equipment)'; use one of: \(Equipment.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        var items = [URLQueryItem(name: "q", value: query), URLQueryItem(name: "k", value: String(k)),
                     URLQueryItem(name: "mode", value: mode)]
        if let muscle { items.append(URLQueryItem(name: "muscle", value: muscle)) }
        if let equipment { items.append(URLQueryItem(name: "equipment", value: Equipment(userInput: equipment)?.rawValue)) }
        var components = URLComponents(string: "http://localhost/v1/knowledge/search")!
        components.queryItems = items
        let raw = try await sendWaitingWhileLoading(
            HTTPRequest(method: "GET", url: components.url!.absoluteString, unixSocket: socket))
        let response = try checked(raw)
        if json { print(response.text); return }
        let hits = try response.decode(SearchResults.self).hits
        if hits.isEmpty { print("no results"); return }
        for (i, hit) in hits.enumerated() {
            print("\(i + 1). \(hit.title)  [\(hit.kind.rawValue) \(hit.id)]  " + String(format: "%.4f", hit.score))
            print("    " + String(hit.text.prefix(160)))
        }
    }
}

/// `spotter import-exercises FILE`: merges a free-exercise-db JSON file into the daemon's index.
struct ImportExercisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-exercises",
        abstract: "Import a free-exercise-db exercises.json; exercises already known are merged, not duplicated.")

    @Argument(help: "Path to exercises.json (free-exercise-db format).") var file: String
    @Option(help: "The daemon's socket.") var socket: String = defaultKnowledgeSocketPath()

    func run() async throws {
        try await importKnowledgeFile(file, socket: socket)
    }
}

/// Reads a free-exercise-db file, checks it locally, posts it to `POST /v1/knowledge/import` on
/// `socket` and prints the report.
func importKnowledgeFile(_ file: String, socket: String) async throws {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
        fail("cannot read \(file): \(error.localizedDescription)")
    }
    // Parse locally first so a wrong file fails fast with the field at fault.
    let count = try FreeExerciseDB.parse(data, file: file).count
    let request = HTTPRequest(
        method: "POST", url: "http://localhost/v1/knowledge/import?format=free-exercise-db",
        headers: [("Content-Type", "application/json")], body: data, unixSocket: socket,
        totalTimeout: .seconds(600))
    let raw = try await sendWaitingWhileLoading(request)
    let report: ImportReport = try checked(raw).decode()
    print("\(count) exercises read: \(report.added) added, \(report.merged) merged into existing exercises, \(report.skipped) already imported")
}
