import Foundation

/// An outbound HTTP request, over TCP (`http://`, `https://`) or a Unix socket (`unixSocket`).
///
/// ```swift
/// let req = HTTPRequest(method: "GET", url: "http://localhost/v1/health",
///                       unixSocket: "/run/user/0/spotter/spotter.sock")
/// let res = try await CurlHTTPClient().send(req)
/// ```
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// When set, the connection goes to this Unix socket; `url`'s host is then only the Host header.
    public var unixSocket: String?
    /// Time allowed to establish the connection.
    public var connectTimeout: Duration
    /// Time allowed for the whole exchange, body included; `nil` means no limit (streams).
    public var totalTimeout: Duration?
    /// A stream is aborted when no byte arrives for this long; `nil` means no limit.
    public var idleTimeout: Duration?

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
        body: Data? = nil, unixSocket: String? = nil,
        connectTimeout: Duration = .seconds(10), totalTimeout: Duration? = .seconds(60),
        idleTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.unixSocket = unixSocket
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.idleTimeout = idleTimeout
    }

    /// A JSON request: encodes `value` and sets the content type.
    public static func json<T: Encodable>(
        _ method: String, url: String, _ value: T, unixSocket: String? = nil,
        headers: [(name: String, value: String)] = []
    ) throws -> HTTPRequest {
        HTTPRequest(
            method: method, url: url,
            headers: [("Content-Type", "application/json")] + headers,
            body: try JSONEncoder().encode(value), unixSocket: unixSocket)
    }
}

/// A buffered HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names are lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: body)
    }
}

/// A piece of a streamed response: first the head, then body chunks as they arrive.
public enum HTTPStreamEvent: Sendable {
    case head(status: Int, headers: [String: String])
    case body(Data)
}
