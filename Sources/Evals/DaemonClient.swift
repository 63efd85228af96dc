import Foundation
import HTTPClient

/// The parts of the daemon's socket API the runner uses (see ../shared/design.md, "The socket
/// API"). Every call goes over the Unix socket at `socket`.
public struct DaemonClient: Sendable {
    public let socket: String
    /// Deadline for one chat or tracker request (the embedded model on 2 cores is slow).
    public var requestTimeout: Duration
    private let http = CurlHTTPClient()

    public init(socket: String, requestTimeout: Duration = .seconds(300)) {
        self.socket = socket
        self.requestTimeout = requestTimeout
    }

    /// `GET /v1/health`; throws ``EvalError`` `.daemonUnreachable` when nothing answers.
    public func health(timeout: Duration = .seconds(5)) async throws(EvalError) -> JSONValue {
        do {
            let res = try await http.send(HTTPRequest(
                url: "http://localhost/v1/health", unixSocket: socket,
                connectTimeout: timeout, totalTimeout: timeout))
            guard res.status == 200, let body = JSONValue.parse(res.body) else {
                throw EvalError(.daemonUnreachable, "the daemon at \(socket) answered /v1/health with status \(res.status)")
            }
            return body
        } catch let e as EvalError {
            throw e
        } catch {
            throw EvalError(.daemonUnreachable, "no daemon answers at \(socket) (\(error)); start one with `spotter serve` or pass --socket")
        }
    }

    public func putUser(_ user: String, profile: JSONValue) async throws -> JSONValue? {
        try await call("PUT", "/v1/users/\(Self.escape(user))", profile)
    }

    public func deleteUser(_ user: String) async throws {
        _ = try await call("DELETE", "/v1/users/\(Self.escape(user))", nil)
    }

    public func addWorkout(_ user: String, _ workout: JSONValue) async throws {
        _ = try await call("POST", "/v1/users/\(Self.escape(user))/workouts", workout)
    }

    public func addCheckin(_ user: String, _ checkin: JSONValue) async throws {
        _ = try await call("POST", "/v1/users/\(Self.escape(user))/checkins", checkin)
    }

    /// `POST /v1/chat` with the shared wire request; returns the response body (as JSON: the
    /// assertions address any of its fields) and the client's wall time in ms.
    public func chat(_ request: ChatRequest) async throws -> (JSONValue, Double) {
        let start = ContinuousClock.now
        let body = JSONValue.parse(try WireDate.encoder().encode(request))
        let res = try await call("POST", "/v1/chat", body) ?? .null
        return (res, Self.ms(ContinuousClock.now - start))
    }

    /// `POST /v1/chat/route`: the routing decision for `message`, without generating.
    public func route(message: String, agent: String?) async throws -> (JSONValue, Double) {
        let start = ContinuousClock.now
        let body = JSONValue.parse(try WireDate.encoder().encode(RouteRequest(message: message, agent: agent)))
        let res = try await call("POST", "/v1/chat/route", body) ?? .null
        return (res, Self.ms(ContinuousClock.now - start))
    }

    /// `POST /v1/tracker` with the image bytes.
    public func tracker(image: Data, contentType: String) async throws -> (JSONValue, Double) {
        let start = ContinuousClock.now
        let res = try await http.send(HTTPRequest(
            method: "POST", url: "http://localhost/v1/tracker", headers: [("Content-Type", contentType)],
            body: image, unixSocket: socket, totalTimeout: requestTimeout))
        try Self.check(res, "POST /v1/tracker")
        return (JSONValue.parse(res.body) ?? .string(res.text), Self.ms(ContinuousClock.now - start))
    }

    private func call(_ method: String, _ path: String, _ body: JSONValue?) async throws -> JSONValue? {
        let res = try await http.send(HTTPRequest(
            method: method, url: "http://localhost\(path)",
            headers: body == nil ? [] : [("Content-Type", "application/json")],
            body: body.map { Data($0.jsonText.utf8) }, unixSocket: socket, totalTimeout: requestTimeout))
        try Self.check(res, "\(method) \(path)")
        return JSONValue.parse(res.body)
    }

    /// Turns a non-2xx answer into an error quoting the daemon's `{"error": {"message"}}`.
    private static func check(_ res: HTTPResponse, _ what: String) throws {
        guard !(200..<300).contains(res.status) else { return }
        let message = (try? JSONDecoder().decode(ErrorEnvelope.self, from: res.body))?.error.message ?? String(res.text.prefix(200))
        throw EvalError(.usage, "\(what) → \(res.status): \(message)")
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? s
    }

    static func ms(_ d: Duration) -> Double {
        let (s, a) = d.components
        return Double(s) * 1000 + Double(a) / 1e15
    }
}
