import Foundation
import Hummingbird
import NIOCore
import Wire

extension Request {
    /// Reads the body (bounded by the context's limit for its content type; 413 beyond it).
    public func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "payload_too_large", "the request body is larger than the limit of \(limit) bytes")
        }
    }

    /// Decodes a JSON body into `T` with Spotter's wire conventions (snake_case keys as declared
    /// by the type, ISO 8601 dates). Failures: 415 when the content type is not JSON, 413 over
    /// the limit, 400 when the body is not valid JSON, 422 naming the field when it is JSON
    /// with the wrong fields.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: SpotterRequestContext) async throws -> T {
        try requireContentType(["application/json"])
        let buffer = try await collectBody(limit: context.maxJSONBytes)
        return try WireJSON.decode(type, from: Data(buffer: buffer))
    }

    /// Throws 415 unless the `Content-Type` is one of `allowed` (parameters such as charset are ignored).
    public func requireContentType(_ allowed: [String]) throws {
        let type = headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let type, allowed.contains(type) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           "Content-Type '\(type ?? "none")' is not accepted here; send \(allowed.joined(separator: " or "))")
        }
    }

    /// A query parameter parsed as an integer, or `nil`; 422 naming it when malformed.
    public func queryInt(_ name: String) throws -> Int? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let value = Int(text) else { throw APIError.invalidField(name, "query parameter '\(name)' must be an integer") }
        return value
    }
}

/// JSON encoding and decoding for the socket API.
public enum WireJSON {
    public static let encoder: JSONEncoder = WireDate.encoder()

    /// Decodes with 400/422 errors as described on `Request.decodeJSON`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = WireDate.decodingStrategy
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw translate(error, data: data)
        }
    }

    static func translate(_ error: DecodingError, data: Data = Data()) -> APIError {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var out = ""
            for key in keys + (last.map { [$0] } ?? []) {
                if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return out.isEmpty ? "body" : out
        }
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            var detail = c.debugDescription
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                // Valid JSON after all: Foundation reports a number that does not fit its field
                // (1.5 for an integer) this way, without a path. Wire types decode whole numbers
                // with `decodeWholeNumberIfPresent`, which names the field; this is the fallback.
                return .invalidField("body", "a value in the body does not fit its field (a whole number where one is required?)")
            } catch {
                // Foundation's parser says where: "Unexpected end of file", "Badly formed object around line 1, column 12".
                detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? detail
            }
            return .badRequest("the body is not valid JSON: \(detail)")
        case .dataCorrupted(let c):
            let field = path(c.codingPath)
            return .invalidField(field, "\(field): \(c.debugDescription)")
        case .keyNotFound(let key, let c):
            let field = path(c.codingPath, key)
            return .invalidField(field, "\(field) is required")
        case .valueNotFound(_, let c):
            let field = path(c.codingPath)
            return .invalidField(field, "\(field) must not be null")
        case .typeMismatch(let type, let c):
            let field = path(c.codingPath)
            return .invalidField(field, "\(field) must be \(describe(type))")
        @unknown default:
            return .badRequest("the body could not be decoded")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Array<Any>.Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : (String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)")
        }
    }
}

/// A JSON response with status (default 200) and Spotter's encoder.
public struct JSONBody<T: Encodable & Sendable>: ResponseGenerator, Sendable {
    public var value: T
    public var status: HTTPResponse.Status
    public var headers: HTTPFields

    public init(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.value = value
        self.status = status
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try WireJSON.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
