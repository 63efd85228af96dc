import Agents
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Coaching
import Knowledge
import LLM
import SpotterApp
import Store
import Tracker
import Wire

/// An HTTP failure in the one shape every endpoint uses:
/// `{"error": {"code": "not_found", "message": "user 'ana' does not exist; ..."}}`.
///
/// Handlers throw it (or a module error); `ErrorMiddleware` turns anything thrown into one via
/// `APIError.translate(_:)`, the single place where module errors (which carry a category and a
/// message, never a status) become HTTP statuses and wire codes. This is the one file of the
/// server that imports every capability target.
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
        let body = try WireJSON.encoder.encode(ErrorEnvelope(code: code, message: message))
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
            return translate(error)
        case let error as KnowledgeError:
            switch error.code {
            case .query, .invalidData: return .init(.unprocessableContent, code: "invalid_field", error.description)
            case .notFound: return .init(.notFound, code: "not_found", error.description)
            case .curated: return .init(.conflict, code: "curated", error.description)
            default: return .init(.serviceUnavailable, code: "unavailable", "the knowledge index failed: \(error.description)")
            }
        case let error as CoachingError:
            switch error.category {
            case .noHistory: return .init(.notFound, code: "no_history", error.description)
            case .invalidWeights: return .unavailable(error.description)
            case .invalidInput: return .init(.unprocessableContent, code: "invalid_field", error.description)
            }
        case let error as SpotterAppError:
            return translate(error)
        case let error as AgentsError:
            return translate(error)
        case let error as LLMError:
            return translate(AgentsError(error))
        case is CancellationError:
            // The client left (or the daemon is shutting down): the work stopped and stored nothing.
            return .init(HTTPResponse.Status(code: 499), code: "cancelled", "the request was cancelled before it finished; nothing was stored")
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
    /// An error with, on 429/503, a `Retry-After` header.
    init(_ status: HTTPResponse.Status, code: String, _ message: String, retryAfter: Int?) {
        var headers: HTTPFields = [:]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        self.init(status, code: code, message, headers: headers)
    }

    /// Agents categories (LLM errors arrive mapped to them): 400, 404, 422, 429, 503 with
    /// `Retry-After`, 502, 504, 499 (client closed), 500.
    static func translate(_ error: AgentsError) -> APIError {
        let (status, code): (HTTPResponse.Status, String) = switch error.kind {
        case .invalidConfiguration: (.internalServerError, "invalid_configuration")
        case .internalFailure: (.internalServerError, "internal_error")
        case .invalidRequest: (.badRequest, "invalid_request")
        case .notFound: (.notFound, "not_found")
        case .unprocessable: (.unprocessableContent, "unprocessable")
        case .rateLimited: (.tooManyRequests, "rate_limited")
        case .overloaded: (.serviceUnavailable, "overloaded")
        case .upstream: (.badGateway, "upstream_error")
        case .timedOut: (.gatewayTimeout, "upstream_timeout")
        case .cancelled: (HTTPResponse.Status(code: 499), "cancelled")
        }
        return .init(status, code: code, error.message, retryAfter: error.retryAfterSeconds)
    }

    /// Tracker kinds: 413, 415, 400, 422, 502, 503, 504, 500.
    static func translate(_ error: TrackerError) -> APIError {
        let (status, code): (HTTPResponse.Status, String) = switch error.kind {
        case .tooLarge: (.contentTooLarge, "payload_too_large")
        case .unsupportedType: (.unsupportedMediaType, "unsupported_media_type")
        case .corrupt: (.badRequest, "invalid_image")
        case .empty: (.unprocessableContent, "empty_body")
        case .upstreamInvalid: (.badGateway, "upstream_invalid_reply")
        case .upstreamUnavailable: (.serviceUnavailable, "upstream_unavailable")
        case .timedOut: (.gatewayTimeout, "timeout")
        case .engine: (.internalServerError, "ocr_failed")
        }
        return .init(status, code: code, error.message)
    }

    /// Composition errors: a capability loading (503 with `Retry-After`) or missing (503), no
    /// history (404 `no_history`), a bad argument (422 naming it), broken configuration (500).
    static func translate(_ error: SpotterAppError) -> APIError {
        switch error.kind {
        case .loading: .init(.serviceUnavailable, code: "loading", error.message, retryAfter: error.retryAfterSeconds)
        case .unavailable: .init(.serviceUnavailable, code: "unavailable", error.message)
        case .noHistory: .init(.notFound, code: "no_history", error.message)
        case .invalidField: .init(.unprocessableContent, code: "invalid_field", error.message)
        case .configuration: .init(.internalServerError, code: "invalid_configuration", error.message)
        }
    }

    /// The body `{"error": {"code": ..., "message": ...}}` as one line of JSON (also the data of
    /// a stream's `event: error`).
    public var bodyText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(ErrorEnvelope(code: code, message: message))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

