import Foundation
import LanguageModel
import LLM
import SpotterTestSupport
import Synchronization
@testable import Agents

var agentsYAML: URL { repositoryRoot().appendingPathComponent("agents.yaml") }

/// Users A ("ana") and B ("ben") with distinct, recognisable data.
struct FixedUsers: UserContextProviding {
    func userContext(for user: String) async throws -> UserContext {
        switch user {
        case "ana":
            return UserContext(
                user: "ana",
                profile: ProfileSummary(age: 31, bodyweight: 64, units: "kg", experience: "intermediate", goal: "strength",
                                        daysPerWeek: 4, equipment: ["barbell"], injuries: ["left wrist"]),
                recentSessions: [SessionSummary(date: "2026-11-20", title: "Upper A",
                                                exercises: [ExerciseSummary(name: "Bench Press", sets: [SetSummary(weight: 50, reps: 5, rpe: 8)])])],
                lastCheckIn: CheckInSummary(date: "2026-11-22", sleepHours: 5.5, soreness: 8, energy: 4, stress: 6))
        case "ben":
            return UserContext(
                user: "ben",
                profile: ProfileSummary(age: 58, bodyweight: 97, units: "lb", experience: "beginner", goal: "BEN-SECRET-GOAL"),
                recentSessions: [SessionSummary(date: "2026-11-19", title: "BEN-SESSION", exercises: [])],
                lastCheckIn: CheckInSummary(date: "2026-11-21", sleepHours: 9.25))
        default:
            throw AgentsError(.notFound, "user \(user) does not exist; create it with PUT /v1/users/\(user)")
        }
    }
}

/// Grounding: bench press 50-52.5 kg for user ana only.
struct FixedGrounding: GroundingProviding {
    func groundingFacts(for message: String, user: String, context: UserContext) async throws -> [GroundingFact] {
        guard user == "ana" else { return [] }
        return [GroundingFact(id: "overload:bench-press", kind: "overload", subject: "Bench Press",
                              text: "deload to 50-52.5 kg for 5 reps (soreness 8/10, sleep 5.5 h)", min: 50, max: 52.5, unit: "kg")]
    }
}

struct FixedPassages: PassageRetrieving {
    func passages(for query: String, limit: Int) async throws -> [Passage] {
        Array([Passage(id: "p-deload", title: "Deloads", text: "Reduce load about 10% when recovery is poor.", score: 0.82),
               Passage(id: "p-sleep", title: "Sleep", text: "Under six hours of sleep lowers performance.", score: 0.61)].prefix(limit))
    }
}

/// Conversation memory in a dictionary; conversations belong to the user who started them.
final class MemoryConversations: ConversationRecording {
    private let turns = Mutex<[ConversationTurn]>([])
    var stored: [ConversationTurn] { turns.withLock { $0 } }

    func recentMessages(conversation: String, user: String, limit: Int) async throws -> [ConversationMessage] {
        let mine = turns.withLock { $0.filter { $0.conversation == conversation } }
        guard !mine.isEmpty, mine.allSatisfy({ $0.user == user }) else {
            throw AgentsError(.notFound, "conversation \(conversation) not found for user \(user)")
        }
        return Array(mine.flatMap { [ConversationMessage(role: "user", content: $0.message),
                                     ConversationMessage(role: "assistant", content: $0.reply)] }.suffix(limit))
    }

    func append(_ turn: ConversationTurn) async throws { turns.withLock { $0.append(turn) } }
}

/// A backend double that records each request and answers with a fixed text, optionally
/// waiting for `openGate()` first.
final class RecordingBackend: ChatBackend {
    private struct State {
        var calls: [(messages: [ChatMessage], options: ChatOptions)] = []
        var gateOpen: Bool
    }

    let kind = "test"
    let model = "recording"
    let contextLength: Int?
    let reply: [String]
    let continuesFinalAssistantMessage: Bool
    private let state: Mutex<State>

    init(reply: [String] = ["Fine."], contextLength: Int? = 2048, gated: Bool = false, continues: Bool = false) {
        self.reply = reply
        self.contextLength = contextLength
        self.continuesFinalAssistantMessage = continues
        self.state = Mutex(State(gateOpen: !gated))
    }

    var calls: [(messages: [ChatMessage], options: ChatOptions)] { state.withLock { $0.calls } }
    func openGate() { state.withLock { $0.gateOpen = true } }

    func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        state.withLock { $0.calls.append((messages, options)) }
        let reply = reply
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    while !self.state.withLock({ $0.gateOpen }) { try await Task.sleep(for: .milliseconds(5)) }
                    for piece in reply { continuation.yield(.delta(piece)) }
                    continuation.yield(.finished(ChatUsage(promptTokens: 100, completionTokens: reply.count), finishReason: "stop"))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// A backend that always fails with `error`.
struct FailingBackend: ChatBackend {
    let error: LLMError
    let kind = "test"
    let model = "failing"
    let contextLength: Int? = 2048
    func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        AsyncThrowingStream { $0.finish(throwing: error) }
    }
}

/// Copies agents.yaml, prompts/ and evals/ (the router's training suites) into a fresh temporary
/// directory (for edit-and-load tests).
func copyConfiguration() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-agents-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: agentsYAML, to: dir.appendingPathComponent("agents.yaml"))
    try FileManager.default.copyItem(at: repositoryRoot().appendingPathComponent("prompts"), to: dir.appendingPathComponent("prompts"))
    try FileManager.default.copyItem(at: repositoryRoot().appendingPathComponent("evals"), to: dir.appendingPathComponent("evals"))
    return dir.appendingPathComponent("agents.yaml")
}

/// Replaces `old` by `new` in the file at `url` (the text must occur).
func edit(_ url: URL, replacing old: String, with new: String) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    precondition(text.contains(old), "\(old) not found in \(url.path)")
    try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
}
