import Foundation
import LanguageModel

/// A backend that counts prompt tokens exactly and keeps each agent's static prompt prefix
/// (system prompt and few-shot turns) prefilled in its KV cache: the embedded engine when its
/// model is a `PrefixCachingModel`. Remote backends do neither; callers fall back to estimates.
public protocol PromptCachingBackend: ChatBackend {
    /// Exact tokens of the whole prompt for `messages` (chat template included); nil when unknown.
    func promptTokenCount(for messages: [ChatMessage]) -> Int?
    /// Exact tokens of `text` alone; nil when unknown.
    func textTokenCount(_ text: String) -> Int?
    /// Prefills `messages` into the pinned cache slot `name` off the cooperative pool
    /// (waits for a generation in progress); nil when the model has no prefix cache.
    func warmPrefix(_ messages: [ChatMessage], name: String) async throws -> PrefixWarmup?
    /// Drops the pinned prefix `name` (an agent removed by a reload).
    func dropPrefix(name: String)
    /// The KV cache's memory and contents, for `/metrics`; nil when there is none.
    var promptCacheStatistics: KVCacheStatistics? { get }
}

extension EmbeddedChatBackend: PromptCachingBackend {
    private var cachingModel: (any PrefixCachingModel)? { chatModel as? any PrefixCachingModel }

    public func promptTokenCount(for messages: [ChatMessage]) -> Int? { cachingModel?.tokenCount(for: messages) }

    public func textTokenCount(_ text: String) -> Int? { cachingModel?.tokenCount(text) }

    public func warmPrefix(_ messages: [ChatMessage], name: String) async throws -> PrefixWarmup? {
        guard let model = cachingModel else { return nil }
        // The model blocks its caller while it prefills: run on a thread of our own, not the pool.
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try model.warmPrefix(messages, name: name)) } catch { continuation.resume(throwing: error) }
            }
            thread.name = "spotter-warm-prefix"
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    public func dropPrefix(name: String) { cachingModel?.dropPrefix(name: name) }

    public var promptCacheStatistics: KVCacheStatistics? { cachingModel?.cacheStatistics }
}
