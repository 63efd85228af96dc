import Foundation
import LanguageModel
import Synchronization

/// A `ChatModel` test double: yields scripted text pieces, optionally waiting for a gate to
/// open first, and records what it was asked and whether its consumer cancelled it.
final class ScriptedChatModel: ChatModel {
    private struct State {
        var gateOpen: Bool
        var started = 0
        var cancelled = 0
        var completed = 0
        var lastMessages: [ChatMessage] = []
        var lastOptions: SamplingOptions?
    }

    let name = "scripted-model"
    let contextLength = 2048
    let pieces: [String]
    let pieceDelay: Duration
    private let state: Mutex<State>

    init(pieces: [String], pieceDelay: Duration = .zero, gated: Bool = false) {
        self.pieces = pieces
        self.pieceDelay = pieceDelay
        self.state = Mutex(State(gateOpen: !gated))
    }

    func openGate() { state.withLock { $0.gateOpen = true } }
    var started: Int { state.withLock { $0.started } }
    var cancelled: Int { state.withLock { $0.cancelled } }
    var completed: Int { state.withLock { $0.completed } }
    var lastOptions: SamplingOptions? { state.withLock { $0.lastOptions } }
    var lastMessages: [ChatMessage] { state.withLock { $0.lastMessages } }

    func generate(_ messages: [ChatMessage], options: SamplingOptions) -> AsyncThrowingStream<GenerationEvent, Error> {
        state.withLock {
            $0.started += 1
            $0.lastMessages = messages
            $0.lastOptions = options
        }
        let pieces = pieces
        let delay = pieceDelay
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    while !self.state.withLock({ $0.gateOpen }) { try await Task.sleep(for: .milliseconds(5)) }
                    for piece in pieces.prefix(options.maxTokens) {
                        continuation.yield(.text(piece))
                        if delay > .zero { try await Task.sleep(for: delay) }
                    }
                    let count = min(pieces.count, options.maxTokens)
                    continuation.yield(.finished(GenerationStats(
                        promptTokens: messages.count * 10, completionTokens: count,
                        finishReason: count < pieces.count ? .length : .stop, prefillSeconds: 0, decodeSeconds: 0)))
                    self.state.withLock { $0.completed += 1 }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { reason in
                if case .cancelled = reason { self.state.withLock { $0.cancelled += 1 } }
                task.cancel()
            }
        }
    }
}
