import Foundation

/// The multi-slot KV cache seen from outside: pinning static prefixes, exact token counts,
/// cache statistics and per-phase profiles.
extension LlamaModel {
    /// The tokens of a static prefix: `messages` rendered by the chat template without the
    /// generation prompt. A full prompt that starts with these messages starts with these tokens
    /// (ChatML turns end with a control token, where tokenization always splits).
    public func prefixTokens(for messages: [ChatMessage]) -> [Int] {
        tokenizer.encode(template.render(messages, addGenerationPrompt: false))
    }

    /// Exact token count of `text` with this model's tokenizer.
    public func tokenCount(_ text: String) -> Int { tokenizer.encode(text).count }

    /// Exact token count of the whole prompt for `messages` (template and generation prompt).
    public func tokenCount(for messages: [ChatMessage]) -> Int { promptTokens(for: messages).count }

    /// Prefills `messages` (a static prefix: system prompt and few-shot turns) into the pinned
    /// KV slot `name`, replacing its previous prefix; requests whose prompts start with it then
    /// copy its keys and values instead of recomputing them. Blocks the caller (run it off the
    /// cooperative pool) and waits for any generation in progress.
    /// - Throws: `LanguageModelError.cacheBudget` when the pinned prefixes would exceed the
    ///   budget, `.contextOverflow` when the prefix does not fit the context.
    @discardableResult
    public func warmPrefix(_ messages: [ChatMessage], name: String) throws -> PrefixWarmup {
        let tokens = prefixTokens(for: messages)
        guard tokens.count < contextLength else { throw LanguageModelError.contextOverflow(tokens: tokens.count + 1, limit: contextLength) }
        lock.lock()
        defer { lock.unlock() }
        let started = ContinuousClock.now
        let evaluated = try context.pin(name: name, tokens: tokens)
        publishCacheStatistics()
        return PrefixWarmup(name: name, tokens: tokens.count, evaluatedTokens: evaluated, seconds: (ContinuousClock.now - started).seconds)
    }

    /// Drops the pinned prefix `name` (an agent that no longer exists after a reload).
    public func dropPrefix(name: String) {
        lock.lock()
        defer { lock.unlock() }
        context.cache.unpin(name)
        publishCacheStatistics()
    }

    /// Memory and contents of the KV cache as of the last finished generation or prefix change;
    /// never waits for a generation in progress (safe for `/metrics`).
    public var cacheStatistics: KVCacheStatistics {
        if let snapshot = statisticsSnapshot.withLock({ $0 }) { return snapshot }
        lock.lock()
        defer { lock.unlock() }
        publishCacheStatistics()
        return statisticsSnapshot.withLock { $0! }
    }

    /// Recomputes the statistics snapshot (the caller holds `lock`).
    func publishCacheStatistics() {
        let cache = context.cache
        let statistics = KVCacheStatistics(
            pinnedPrefixes: Dictionary(cache.slots.compactMap { s in s.pinnedName.map { ($0, s.tokens.count) } }, uniquingKeysWith: max),
            pinnedBytes: cache.pinnedBytes, workingBytes: cache.workingBytes,
            prefixBudgetBytes: cache.prefixBudgetBytes, bytesPerPosition: cache.bytesPerPosition)
        statisticsSnapshot.withLock { $0 = statistics }
    }

    /// Runs `body` with per-phase timing switched on and returns the phases' totals.
    public func profile(_ body: () throws -> Void) rethrows -> EngineProfile {
        lock.withLock { context.profile = EngineProfile() }
        defer { lock.withLock { context.profile = nil } }
        try body()
        return lock.withLock { context.profile ?? EngineProfile() }
    }
}

/// The result of `LlamaModel.warmPrefix`.
public struct PrefixWarmup: Sendable, Equatable {
    public var name: String
    /// Tokens in the prefix.
    public var tokens: Int
    /// Tokens that were computed (the rest were copied from a cached slot).
    public var evaluatedTokens: Int
    public var seconds: Double
}

/// What the KV cache holds (for `/metrics` and the bench).
public struct KVCacheStatistics: Sendable, Equatable {
    /// Pinned prefix name → tokens.
    public var pinnedPrefixes: [String: Int]
    /// Bytes reserved by pinned prefixes (≤ `prefixBudgetBytes`).
    public var pinnedBytes: Int
    /// Bytes of cached positions in working sequences.
    public var workingBytes: Int
    public var prefixBudgetBytes: Int
    /// KV bytes per cached token (all layers, keys and values in the cache's `KVCacheFormat`).
    public var bytesPerPosition: Int
}

/// A chat model with an exact tokenizer and a KV cache that can keep static prefixes warm
/// (the embedded engine); what `EmbeddedChatBackend` needs for exact prompt budgets and
/// per-agent prefix caching.
public protocol PrefixCachingModel: ChatModel {
    /// Exact token count of `text`.
    func tokenCount(_ text: String) -> Int
    /// Exact token count of the whole prompt for `messages`.
    func tokenCount(for messages: [ChatMessage]) -> Int
    /// Prefills a static prefix into the pinned slot `name` (blocks the caller).
    @discardableResult
    func warmPrefix(_ messages: [ChatMessage], name: String) throws -> PrefixWarmup
    /// Drops the pinned prefix `name`.
    func dropPrefix(name: String)
    /// Memory and contents of the KV cache.
    var cacheStatistics: KVCacheStatistics { get }
}

extension LlamaModel: PrefixCachingModel {}
