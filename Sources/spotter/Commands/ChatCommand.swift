import ArgumentParser
import Foundation
import Wire
import HTTPClient

/// `spotter chat`: asks the daemon's coaching agents, streaming the reply to the terminal, then
/// prints the Planner's session plan as a table (when it made one), which agent answered and
/// why, the grounding facts and the cited knowledge passages.
///
/// ```sh
/// spotter chat --user ana "Why is my bench stalling?"
/// spotter chat --user ana --agent planner --conversation c_123 "And next week?"
/// spotter chat --user ana --no-stream --json "Plan my workout for today"
/// ```
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "Ask the coaching agents (streams the reply).")

    @OptionGroup var client: ClientOptions
    @Option(help: "auto (let the router choose), insight, planner or coach.") var agent = "auto"
    @Option(help: "The Spotter user id (default: $SPOTTER_USER).") var user: String?
    @Option(help: "Continue this conversation (printed after each answer).") var conversation: String?
    @Flag(name: .customLong("no-stream"), help: "Wait for the whole answer instead of streaming it.") var noStream = false
    @Option(help: "Sampling temperature override (0-2).") var temperature: Double?
    @Option(help: "Seed for reproducible sampling.") var seed: UInt64?
    @Option(name: .customLong("max-tokens"), help: "Cap on generated tokens.") var maxTokens: Int?
    @Argument(help: "The message.") var message: String

    func run() async throws {
        guard let user = user ?? ProcessInfo.processInfo.environment["SPOTTER_USER"], !user.isEmpty else {
            throw ValidationError("--user is required (or set SPOTTER_USER)")
        }
        var request = ChatRequest(user: user, message: message, agent: agent, conversation: conversation,
                                  temperature: temperature, seed: seed, maxTokens: maxTokens)
        if noStream || client.json {
            let body = try JSONEncoder().encode(request)
            let response = try await client.send("POST", "/v1/chat", body: body)
            if client.json { print(response.text); return }
            let answer = try JSONDecoder().decode(ChatResponse.self, from: response.body)
            print(answer.reply)
            if let plan = answer.plan { print("\n" + Self.planTable(plan)) }
            print(Self.details(conversation: answer.conversation, routing: answer.routing, grounding: answer.grounding,
                               citations: answer.citations, checks: answer.checks, usage: answer.usage, timings: answer.timings))
            return
        }
        request.stream = true
        do {
            try await streamToTerminal(request)
        } catch let error as ChatClientError {
            fail(error.description)
        }
    }

    private func streamToTerminal(_ request: ChatRequest) async throws {
        var meta: ChatMeta?
        for try await event in Self.stream(request, socket: client.socketPath) {
            switch event.event {
            case "meta": meta = try JSONDecoder().decode(ChatMeta.self, from: Data(event.data.utf8))
            case "delta":
                let text = try JSONDecoder().decode(ChatDelta.self, from: Data(event.data.utf8)).text
                FileHandle.standardOutput.write(Data(text.utf8))
            case "done":
                let done = try JSONDecoder().decode(ChatDone.self, from: Data(event.data.utf8))
                print("")
                if let plan = meta?.plan { print("\n" + Self.planTable(plan)) }
                if let meta {
                    print(Self.details(conversation: meta.conversation, routing: meta.routing, grounding: meta.grounding,
                                       citations: meta.citations, checks: done.checks, usage: done.usage, timings: done.timings))
                }
            case "error":
                print("")
                let message = (try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(event.data.utf8)))?.error.message ?? event.data
                fail("the answer failed mid-stream: \(message)")
            default: continue
            }
        }
    }

    /// POSTs a streaming chat request to the daemon and yields its server-sent events. A non-2xx
    /// answer ends the stream with `ChatClientError` carrying the daemon's message.
    static func stream(_ request: ChatRequest, socket: String, path: String = "/v1/chat") -> AsyncThrowingStream<ServerSentEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let http = HTTPRequest(method: "POST", url: "http://localhost" + path,
                                           headers: [("Content-Type", "application/json")],
                                           body: try JSONEncoder().encode(request), unixSocket: socket, totalTimeout: .seconds(600))
                    var parser = ServerSentEventParser()
                    var status = 0
                    var errorBody = Data()
                    for try await piece in CurlHTTPClient().stream(http) {
                        switch piece {
                        case .head(let code, _): status = code
                        case .body(let data) where !(200..<300).contains(status): errorBody.append(data)
                        case .body(let data): for event in parser.feed(data) { continuation.yield(event) }
                        }
                    }
                    guard (200..<300).contains(status) else {
                        let message = (try? JSONDecoder().decode(ErrorEnvelope.self, from: errorBody))?.error.message
                            ?? String(decoding: errorBody, as: UTF8.self)
                        throw ChatClientError(status: status, message: message)
                    }
                    continuation.finish()
                } catch let error as HTTPClientError where error.kind == .connectionFailed {
                    continuation.finish(throwing: ChatClientError(status: 0, message: "cannot reach the daemon at \(socket): is `spotter serve` running? (\(error.message))"))
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The plan as a fixed-width table: exercise, sets × reps, load (or the effort to pick it by),
    /// rest; then the time estimate and the notes.
    static func planTable(_ plan: SessionPlan) -> String {
        func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
        let rows: [[String]] = [["#", "exercise", "sets × reps", "load", "rest"]] + plan.exercises.enumerated().map { i, e in
            let reps = e.reps.min == e.reps.max ? "\(e.reps.min)" : "\(e.reps.min)–\(e.reps.max)"
            let load = e.load.map { "\(fmt($0)) \(plan.unit)" } ?? e.targetRPE.map { "RPE \(fmt($0))" } ?? "bodyweight"
            return ["\(i + 1)", e.name, "\(e.sets) × \(reps)", load, "\(e.restSeconds) s"]
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var lines = ["plan: \(fmt(plan.estimatedMinutes)) of \(plan.minutes) min (warm-up \(fmt(plan.warmupMinutes)) min)"]
        lines += rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        lines += plan.notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func details(conversation: String, routing: RoutingDecision, grounding: GroundingReport, citations: [Citation],
                        checks: [AnswerCheck], usage: Usage, timings: Timings) -> String {
        var lines = ["", "agent: \(routing.agent) (\(routing.method.rawValue)) — \(routing.reason)"]
        if !grounding.facts.isEmpty {
            lines.append("grounding:")
            lines += grounding.facts.map { "  • \($0.text)" }
        }
        if let c = grounding.lastCheckIn {
            lines.append("last check-in \(c.date): sleep \(c.sleepHours.map { "\($0) h" } ?? "–"), soreness \(c.soreness.map { "\(Int($0))/10" } ?? "–")")
        }
        if !citations.isEmpty {
            lines.append("sources:")
            lines += citations.enumerated().map { "  [\($0.offset + 1)] \($0.element.title) (\($0.element.id))" }
        }
        lines += checks.map { "check: \($0.kind): \($0.message)\($0.corrected ? " (corrected)" : "")" }
        lines.append(String(format: "conversation %@ · %d+%d tokens · %.0f ms (generation %.0f ms)", conversation,
                            usage.promptTokens, usage.completionTokens, timings.totalMs, timings.generationMs))
        return lines.joined(separator: "\n")
    }
}

/// A chat request the daemon refused (status 0: it could not be reached).
struct ChatClientError: Error, CustomStringConvertible {
    let status: Int
    let message: String
    var description: String { status == 0 ? message : "\(status): \(message)" }
}
