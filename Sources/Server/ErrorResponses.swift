import Agents
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Coaching
import Knowledge
import LLM
import Store
import Tracker

/// An HTTP failure in the one shape every endpoint uses:
/// `{"error": {"code": "not_found", "message": "user 'ana' does not exist; ..."}}`.
///
/// Handlers throw it (or a module error); `ErrorMiddleware` turns anything thrown into one via
/// `APIError.translate(_:)`, the single place where module errors become HTTP statuses.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// Stable machine-readable code: `invalid_json`, `invalid_field`, `not_found`,
    /// `method_not_allowed`, `conflict`, `payload_too_large`, `unsupported_media_type`,
    /// `invalid_import`, `unavailable`, `internal`.
    public var code: String
    public var message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public static func badRequest(_ message: String) -> APIError { .init(.badRequest, code: "invalid_request", message) }
    public static func invalidField(_ field: String, _ message: String) -> APIError { .init(.unprocessableContent, code: "invalid_field", message) }
    public static func notFound(_ message: String) -> APIError { .init(.notFound, code: "not_found", message) }
    public static func unavailable(_ message: String) -> APIError { .init(.serviceUnavailable, code: "unavailable", message) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = try WireJSON.encoder.encode(ErrorEnvelope(error: .init(code: code, message: message)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Maps any error thrown by a handler or module to its HTTP form. Unknown errors become a
    /// 500 whose message does not leak internals.
    public static func translate(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            switch error.kind {
            case .notFound: return .init(.notFound, code: "not_found", error.message)
            case .conflict: return .init(.conflict, code: "conflict", error.message)
            case .invalid: return .init(.unprocessableContent, code: "invalid_field", error.message)  // messages name the field
            case .malformedImport: return .init(.unprocessableContent, code: "invalid_import", error.message)
            case .database: return .init(.serviceUnavailable, code: "unavailable", "the database is unavailable: \(error.message)")
            }
        case let error as TrackerError:
            return .init(HTTPResponse.Status(code: error.status), code: error.code, error.message)
        case let error as KnowledgeError:
            switch error.code {
            case .query, .invalidData: return .init(.unprocessableContent, code: "invalid_field", error.description)
            default: return .init(.serviceUnavailable, code: "unavailable", "the knowledge index failed: \(error.description)")
            }
        case let error as CoachingError:
            // CoachingError has no public kind; its messages have stable openings.
            if error.description.hasPrefix("no working sets") { return .init(.notFound, code: "no_history", error.description) }
            if error.description.hasPrefix("LSTM weights") { return .unavailable(error.description) }
            return .init(.unprocessableContent, code: "invalid_field", error.description)
        case let error as AgentsError:
            return .init(status: error.httpStatus, code: error.code, error.message, retryAfter: error.retryAfterSeconds)
        case let error as LLMError:
            let code = switch error.kind {
            case .overloaded: "overloaded"
            case .timedOut: "upstream_timeout"
            case .upstream: "upstream_error"
            case .invalidRequest: "invalid_request"
            case .cancelled: "cancelled"
            case .generationFailed: "internal_error"
            }
            return .init(status: error.httpStatus, code: code, error.message, retryAfter: error.retryAfterSeconds)
        case is NIOTooManyBytesError:
            return .init(.contentTooLarge, code: "payload_too_large", "the request body is larger than this endpoint accepts")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound(error.body ?? "no such endpoint")
            case .contentTooLarge: return .init(.contentTooLarge, code: "payload_too_large", error.body ?? "the request body is too large")
            default: return .init(error.status, code: "http_\(error.status.code)", error.body ?? error.status.reasonPhrase, headers: error.headers)
            }
        case let error as any HTTPResponseError:
            return .init(error.status, code: "http_\(error.status.code)", error.status.reasonPhrase)
        default:
            return .init(.internalServerError, code: "internal", "internal error; see the daemon log for details")
        }
    }
}

extension APIError {
    /// An error with a numeric status and, on 429/503, a `Retry-After` header.
    init(status: Int, code: String, _ message: String, retryAfter: Int?) {
        var headers: HTTPFields = [:]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        self.init(HTTPResponse.Status(code: status), code: code, message, headers: headers)
    }
}

/// `{"error": {"code": ..., "message": ...}}`
struct ErrorEnvelope: Codable, Sendable {
    struct Body: Codable, Sendable {
        var code: String
        var message: String
    }
    var error: Body
}
