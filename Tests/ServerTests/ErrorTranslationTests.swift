import Agents
import Coaching
import Knowledge
import LLM
import Testing
@testable import Tracker
@testable import Server
@testable import SpotterApp

/// Module errors carry a category; `APIError.translate` alone turns each category into its HTTP
/// status and wire code.
@Suite struct ErrorTranslationTests {
    func status(_ error: any Error) -> (Int, String) {
        let e = APIError.translate(error)
        return (e.status.code, e.code)
    }

    @Test func agentsCategories_mapToTheirStatuses() {
        let expected: [(AgentsError.Kind, Int, String)] = [
            (.invalidConfiguration, 500, "invalid_configuration"), (.invalidRequest, 400, "invalid_request"),
            (.notFound, 404, "not_found"), (.unprocessable, 422, "unprocessable"), (.rateLimited, 429, "rate_limited"),
            (.overloaded, 503, "overloaded"), (.upstream, 502, "upstream_error"), (.timedOut, 504, "upstream_timeout"),
            (.cancelled, 499, "cancelled"), (.internalFailure, 500, "internal_error"),
        ]
        for (kind, code, wire) in expected {
            let (s, c) = status(AgentsError(kind, "x"))
            #expect(s == code && c == wire, "\(kind)")
        }
        let busy = APIError.translate(AgentsError(.overloaded, "busy", retryAfterSeconds: 7))
        #expect(busy.headers[.retryAfter] == "7")
    }

    @Test func errorBody_hasTheDaemonsErrorShape_onOneLine() {
        let error = APIError.translate(AgentsError(.overloaded, "the model is busy; retry in 5 s", retryAfterSeconds: 5))
        #expect(error.bodyText == #"{"error":{"code":"overloaded","message":"the model is busy; retry in 5 s"}}"#)
        #expect(error.status.code == 503)
    }

    @Test func llmCategories_mapLikeTheAgentsOnes() {
        let expected: [(LLMError.Kind, Int)] = [(.overloaded, 503), (.timedOut, 504), (.upstream, 502), (.invalidRequest, 400),
                                                 (.cancelled, 499), (.generationFailed, 500)]
        for (kind, code) in expected { #expect(status(LLMError(kind, "x")).0 == code, "\(kind)") }
        #expect(APIError.translate(LLMError(.overloaded, "x", retryAfterSeconds: 5)).headers[.retryAfter] == "5")
    }

    @Test func trackerKinds_mapToTheirStatuses() {
        let expected: [(TrackerError, Int, String)] = [
            (.tooLarge("x"), 413, "payload_too_large"), (.unsupportedType("x"), 415, "unsupported_media_type"),
            (.corrupt("x"), 400, "invalid_image"), (.empty("x"), 422, "empty_body"),
            (.upstreamInvalid("x"), 502, "upstream_invalid_reply"), (.upstreamUnavailable("x"), 503, "upstream_unavailable"),
            (.timedOut("x"), 504, "timeout"), (.engine("x"), 500, "ocr_failed"),
        ]
        for (error, code, wire) in expected {
            let (s, c) = status(error)
            #expect(s == code && c == wire, "\(error.kind)")
        }
    }

    @Test func compositionAndCoachingCategories_mapToTheirStatuses() {
        #expect(status(SpotterAppError(.noHistory, "x")) == (404, "no_history"))
        #expect(status(SpotterAppError(.invalidField("k"), "x")) == (422, "invalid_field"))
        #expect(status(SpotterAppError(.unavailable, "x")) == (503, "unavailable"))
        let loading = APIError.translate(SpotterAppError(.loading, "x", retryAfterSeconds: 5))
        #expect(loading.status.code == 503 && loading.code == "loading" && loading.headers[.retryAfter] == "5")
        #expect(status(CoachingError.noHistory(exercise: "squat")) == (404, "no_history"))
        #expect(status(CoachingError.invalidWeights("short")).0 == 503)
        #expect(status(CoachingError.invalidInput("k")) == (422, "invalid_field"))
    }

    @Test func aStillLoadingPart_is503WithRetryAfter_andAFailedOne503() throws {
        let part = Loadable<Int>(name: "the part")
        #expect(throws: SpotterAppError.self) { try part.current() }
        do { _ = try part.current() } catch {
            let e = APIError.translate(error)
            #expect(e.status.code == 503 && e.headers[.retryAfter] == "5" && e.message.contains("the part is still loading"))
        }
        part.fail("disk full")
        do { _ = try part.current() } catch {
            #expect(status(error) == (503, "unavailable"))
        }
    }
}
