import ArgumentParser
import Foundation
import HTTPClient
import Wire

/// Options every client command shares.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's socket (default: $SPOTTER_SOCKET, else $XDG_RUNTIME_DIR/spotter/spotter.sock, else ./.spotter/spotter.sock).")
    var socket: String?
    @Flag(help: "Print the daemon's JSON response instead of readable text.")
    var json = false

    var socketPath: String { SocketLocation.resolve(socket) }

    /// Sends a request to the daemon. On a non-2xx answer prints the error message and exits 1;
    /// when the daemon cannot be reached, says so and exits 1. A `503` with `Retry-After` (a
    /// model still loading) is retried first (`sendWaitingWhileLoading`).
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
               headers: [(name: String, value: String)] = [], timeout: Duration = .seconds(300)) async throws -> HTTPResponse {
        var allHeaders = headers
        if body != nil { allHeaders.append(("Content-Type", contentType)) }
        let request = HTTPRequest(method: method, url: "http://localhost" + path, headers: allHeaders, body: body,
                                  unixSocket: socketPath, totalTimeout: timeout)
        let response: HTTPResponse
        do {
            response = try await sendWaitingWhileLoading(request)
        } catch let error as HTTPClientError where error.kind == .connectionFailed {
            fail("cannot reach the daemon at \(socketPath): is `spotter serve` running? (\(error.message))")
        }
        guard (200..<300).contains(response.status) else {
            if json { print(response.text) }
            let message = (try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body))?.error.message ?? response.text
            fail("\(response.status): \(message)")
        }
        return response
    }


    /// Prints the raw JSON (with `--json`) or the readable rendering of the answer decoded as
    /// the wire type the daemon encodes.
    func output<Answer: Decodable>(_ response: HTTPResponse, as type: Answer.Type, readable: (Answer) -> String) {
        if json { print(response.text); return }
        do {
            print(readable(try WireDate.decoder().decode(Answer.self, from: response.body)))
        } catch {
            fail("the daemon's answer is not a \(Answer.self): \(error)")
        }
    }

    /// Encodes a request body as the daemon reads it.
    func body<Body: Encodable>(_ value: Body) throws -> Data { try WireDate.encoder().encode(value) }

    /// Prints the raw JSON (with `--json`) or the readable rendering.
    func output(_ response: HTTPResponse, readable: (JSONValue) -> String) {
        if json {
            print(response.text)
        } else {
            print(readable((try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null))
        }
    }
}

/// How long a client command waits in all for a daemon that answers `503` with `Retry-After`.
let maxLoadingWait: Duration = .seconds(60)

/// Sends `request`; a `503` with `Retry-After` (a capability still loading) is retried after
/// the advised delay (1–30 s), with a progress line on stderr, for up to `maxLoadingWait` in
/// all; the last answer is returned as it is.
func sendWaitingWhileLoading(_ request: HTTPRequest) async throws -> HTTPResponse {
    let deadline = ContinuousClock.now + maxLoadingWait
    while true {
        let response = try await CurlHTTPClient().send(request)
        guard response.status == 503,
              let text = response.headers["retry-after"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return response }
        let delay = max(1, min(seconds, 30))
        guard ContinuousClock.now + .seconds(delay) <= deadline else { return response }
        let message = (try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body))?.error.message ?? "the daemon is busy"
        FileHandle.standardError.write(Data("spotter: \(message); retrying in \(delay) s\n".utf8))
        try await Task.sleep(for: .seconds(delay))
    }
}

/// Prints `spotter: message` on stderr and exits 1: for failures at run time (the daemon said
/// no, a file is unreadable). Usage mistakes throw `ValidationError` instead, which also prints
/// the usage text.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("spotter: \(message)\n".utf8))
    Foundation.exit(1)
}
