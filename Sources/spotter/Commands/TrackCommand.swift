import ArgumentParser
import Foundation
import HTTPClient
import Tracker

/// `spotter track IMAGE [--json]`: turn a workout photo or screenshot into tracker entries.
///
/// By default the image goes to the running daemon (`POST /v1/tracker` over its Unix socket);
/// `--local` reads it in-process with the embedded OCR instead (no daemon, no name matching).
struct TrackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Turn a workout photo or screenshot into tracker JSON.")

    @Argument(help: "PNG, JPEG or WebP image file.")
    var image: String

    @Flag(help: "Print the tracker JSON instead of a table.")
    var json = false

    @Flag(help: "Read the image in this process with the embedded OCR instead of asking the daemon.")
    var local = false

    @Option(help: "The daemon's socket (default: $XDG_RUNTIME_DIR/spotter/spotter.sock, else ./.spotter/spotter.sock).")
    var socket: String?

    func run() async throws {
        let url = URL(fileURLWithPath: image)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrackFailure(message: "cannot read \(image): \(error.localizedDescription)")
        }
        let type = Self.contentType(for: url)
        let result: TrackerResult
        if local {
            do {
                result = try await TrackerService(backend: .ocr).track(imageData: data, declaredContentType: type)
            } catch let e as TrackerError {
                throw TrackFailure(message: e.message)
            }
        } else {
            let path = socket ?? Self.defaultSocket()
            let request = HTTPRequest(method: "POST", url: "http://localhost/v1/tracker",
                                      headers: [("Content-Type", type ?? "application/octet-stream")],
                                      body: data, unixSocket: path, totalTimeout: .seconds(120))
            let response: HTTPResponse
            do { response = try await CurlHTTPClient().send(request) } catch {
                throw TrackFailure(message: "\(error) — is `spotter serve` running? (or use --local)")
            }
            guard response.status == 200 else {
                throw TrackFailure(message: "the daemon answered \(response.status): \(response.text)")
            }
            if json {
                print(response.text)
                return
            }
            result = try TrackerResult.decoder.decode(TrackerResult.self, from: response.body)
        }
        if json {
            print(String(decoding: try TrackerResult.encoder.encode(result), as: UTF8.self))
        } else {
            print(Self.table(result))
        }
    }

    static func contentType(for url: URL) -> String? {
        switch url.pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        default: nil
        }
    }

    static func defaultSocket() -> String {
        if let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/spotter/spotter.sock"
        }
        return FileManager.default.currentDirectoryPath + "/.spotter/spotter.sock"
    }

    static func table(_ result: TrackerResult) -> String {
        var lines = ["source: \(result.source.rawValue), \(result.entries.count) entries"]
        for e in result.entries {
            var parts = [e.exercise.name + (e.exercise.matched ? "" : " (unmatched)")]
            if let s = e.sets { parts.append("\(s) sets") }
            switch e.reps {
            case .exact(let n)?: parts.append("\(n) reps")
            case .range(let lo, let hi)?: parts.append("\(lo)-\(hi) reps")
            case nil: break
            }
            if let w = e.weight { parts.append("\(w.formatted()) \(e.unit?.rawValue ?? "")".trimmingCharacters(in: .whitespaces)) }
            if let r = e.rpe { parts.append("RPE \(r.formatted())") }
            if let r = e.rir { parts.append("\(r) RIR") }
            if let r = e.restSeconds { parts.append("rest \(r)s") }
            if let g = e.group { parts.append("[\(g)]") }
            parts.append(String(format: "conf %.2f", e.confidence))
            lines.append("  " + parts.joined(separator: " · "))
        }
        return lines.joined(separator: "\n")
    }
}

/// A failure after the arguments parsed: printed as "Error: ..." without the usage text, exit 1.
struct TrackFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
