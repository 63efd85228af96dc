import Testing
@testable import LanguageModel

/// The multi-slot KV cache: pinned agent prefixes, longest-common-prefix reuse, the budget.
@Suite struct PrefixCacheTests {
    static let coachPrefix: [ChatMessage] = [
        .system("You are Coach, an upbeat strength coach. Answer in at most three sentences."),
        .user("I missed two sessions this week."), .assistant("That happens. Pick the next session up where you left off."),
    ]
    static let plannerPrefix: [ChatMessage] = [
        .system("You are Planner. You plan training sessions with sets, reps and loads."),
        .user("Plan a push day."), .assistant("Bench press 4x6, overhead press 3x8, dips 3x10."),
    ]

    /// A prompt that starts with a pinned prefix reuses exactly that prefix, and the text is the
    /// same as without any cache (cached keys and values equal a fresh prefill bit for bit).
    @Test func generate_afterWarmPrefix_reusesPrefix_andGivesSameText() async throws {
        let model = try LlamaModel(path: RepositoryFiles.modelPath, threads: 2, contextLength: 512)
        let messages = Self.coachPrefix + [.user("Should I squat heavy today? I slept 5 hours.")]
        let options = SamplingOptions(temperature: 0, repetitionPenalty: 1, maxTokens: 12)
        let (cold, coldStats) = try await collect(model.generate(messages, options: options))
        #expect(coldStats.cachedPromptTokens == 0)

        let warm = try model.warmPrefix(Self.coachPrefix, name: "coach")
        #expect(warm.tokens == model.prefixTokens(for: Self.coachPrefix).count)
        #expect(Array(model.promptTokens(for: messages).prefix(warm.tokens)) == model.prefixTokens(for: Self.coachPrefix))
        // Another agent's request in between.
        _ = try await collect(model.generate(Self.plannerPrefix + [.user("Plan legs.")], options: options))
        let (again, stats) = try await collect(model.generate(messages, options: options))
        #expect(stats.cachedPromptTokens >= warm.tokens)
        #expect(again == cold)
    }

    /// Pinned prefixes are never evicted by requests, however many other sequences run.
    @Test func pinnedPrefixes_surviveAlternatingRequests() async throws {
        let model = try LlamaModel(path: RepositoryFiles.modelPath, threads: 2, contextLength: 512,
                                   cacheBudget: KVCacheBudget(prefixBytes: 40 << 20, workingSlots: 1))
        try model.warmPrefix(Self.coachPrefix, name: "coach")
        try model.warmPrefix(Self.plannerPrefix, name: "planner")
        let options = SamplingOptions(temperature: 0, maxTokens: 2)
        for round in 0..<3 {
            for (prefix, name) in [(Self.coachPrefix, "coach"), (Self.plannerPrefix, "planner")] {
                let (_, stats) = try await collect(model.generate(prefix + [.user("Round \(round): what now?")], options: options))
                #expect(stats.cachedPromptTokens >= model.prefixTokens(for: prefix).count, "\(name) round \(round)")
            }
        }
        let statistics = model.cacheStatistics
        #expect(Set(statistics.pinnedPrefixes.keys) == ["coach", "planner"])
        #expect(statistics.pinnedBytes <= statistics.prefixBudgetBytes)
        #expect(statistics.bytesPerPosition == 2 * 30 * 3 * 64 * 2)
    }

    /// A prefix that would take the pinned prefixes over the budget is refused with the sizes
    /// (float16 cache: the budget counts that format's bytes).
    @Test func warmPrefix_overBudget_throwsCacheBudget() throws {
        let model = try LlamaModel(path: RepositoryFiles.modelPath, threads: 1, contextLength: 512,
                                   cacheBudget: KVCacheBudget(prefixBytes: 2 << 20, format: .float16))
        try model.warmPrefix(Self.coachPrefix, name: "coach")   // 64 positions × 23 KB = 1.4 MB
        #expect {
            try model.warmPrefix(Self.plannerPrefix, name: "planner")
        } throws: { error in
            guard case .cacheBudget(let prefix, let needed, let used, let budget)? = error as? LanguageModelError else { return false }
            return prefix == "planner" && needed > 0 && used > 0 && budget == 2 << 20
        }
        // Replacing a prefix of the same name does not count the old one.
        try model.warmPrefix(Self.coachPrefix + [.user("One more turn.")], name: "coach")
        #expect(model.cacheStatistics.pinnedPrefixes["coach"] == model.prefixTokens(for: Self.coachPrefix + [.user("One more turn.")]).count)
    }

    /// A follow-up turn extends the working sequence of the previous one.
    @Test func generate_followUpTurn_reusesPreviousTurn() async throws {
        let model = try LlamaModel(path: RepositoryFiles.modelPath, threads: 2, contextLength: 512)
        let first: [ChatMessage] = [.user("Give me one squat cue.")]
        let options = SamplingOptions(temperature: 0, maxTokens: 8)
        let (reply, _) = try await collect(model.generate(first, options: options))
        let (_, stats) = try await collect(model.generate(first + [.assistant(reply), .user("And one more?")], options: options))
        #expect(stats.cachedPromptTokens >= model.promptTokens(for: first).count)
    }
}
