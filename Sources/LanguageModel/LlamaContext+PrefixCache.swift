/// Choosing the KV slot for a prompt, and pinning static prefixes (see `KVCache`).
extension LlamaContext {
    /// Activates the slot for `prompt` and returns how many of its tokens are already cached
    /// there (at most `prompt.count − 1`: the last token is always evaluated, for fresh logits).
    ///
    /// The slot with the longest common token prefix wins. A working slot is extended in
    /// place (truncated to the common prefix); a pinned prefix is copied into the least
    /// recently used working slot first, so it stays intact for the next request.
    func prepare(for prompt: [Int]) -> Int {
        guard let (best, n) = cache.longestPrefix(of: prompt, limit: max(0, prompt.count - 1)) else {
            activate(cache.workingSlot(avoiding: nil))
            truncate(to: 0)
            return 0
        }
        if best.pinnedName == nil {
            activate(best)
            truncate(to: n)
            return n
        }
        let target = cache.workingSlot(avoiding: nil)
        activate(target)
        truncate(to: 0)
        if n > 0 { cache.copy(n, from: best, to: target) }
        return n
    }

    /// Activates an emptied working slot (tests and benchmarks that start from nothing).
    func prepareEmpty() {
        activate(cache.workingSlot(avoiding: nil))
        truncate(to: 0)
    }

    /// Evaluates `tokens` into a pinned slot named `name`, replacing the previous prefix of that
    /// name once the new one is complete. Reuses whatever cached slot shares a prefix with it.
    /// - Returns: the tokens that had to be evaluated.
    /// - Throws: `LanguageModelError.cacheBudget` when the pinned prefixes would exceed the budget.
    func pin(name: String, tokens: [Int], isCancelled: (() -> Bool)? = nil) throws -> Int {
        let pinned = try cache.makePinnedSlot(name: name, positions: tokens.count)
        if let (best, n) = cache.longestPrefix(of: tokens, limit: tokens.count), n > 0 {
            cache.copy(n, from: best, to: pinned)
        }
        let previous = slot
        activate(pinned)
        defer { activate(previous) }
        let rest = Array(tokens[pinned.tokens.count...])
        if !rest.isEmpty { try evaluate(rest, isCancelled: isCancelled) }
        cache.install(pinned: pinned)
        return rest.count
    }
}
