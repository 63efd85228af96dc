import Testing
@testable import TextEmbedding

@Suite struct SentenceEncoderTests {
    /// Per-component tolerance against the float32 reference (README: tolerances).
    static let componentTolerance: Float = 5e-5

    @Test func embed_referenceSentences_matchWithin5e5AndCosine0_99999() throws {
        let encoder = try Fixtures.encoder.get()
        let sentences = Fixtures.vectors.sentences
        let vectors = try encoder.embed(sentences.map(\.text))
        #expect(encoder.dimension == 384)
        for (sentence, vector) in zip(sentences, vectors) {
            let reference = sentence.embedding.map(Float.init)
            let difference = zip(vector, reference).map { abs($0 - $1) }.max() ?? .infinity
            let cosine = SentenceEncoder.cosine(vector, reference)
            #expect(vector.count == 384)
            #expect(difference <= Self.componentTolerance, "\(sentence.text.prefix(40)): max |diff| \(difference)")
            #expect(cosine >= 0.99999, "\(sentence.text.prefix(40)): cosine \(cosine)")
        }
    }

    @Test func embed_referenceSentences_reproduceCosineMatrixWithin1e4() throws {
        let encoder = try Fixtures.encoder.get()
        let vectors = try encoder.embed(Fixtures.vectors.sentences.map(\.text))
        let expected = Fixtures.vectors.cosine_matrix
        var worst = 0.0
        for i in vectors.indices {
            for j in vectors.indices {
                let dot = zip(vectors[i], vectors[j]).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                worst = max(worst, abs(dot - expected[i][j]))
            }
        }
        #expect(worst <= 1e-4, "cosine matrix max |diff| \(worst)")
    }

    @Test func embed_batchOfMixedLengths_equalsOneAtATime() throws {
        let encoder = try Fixtures.encoder.get()
        // The 12 reference sentences range from 3 to 256 tokens: a batch mixes very different lengths.
        let texts = Fixtures.vectors.sentences.map(\.text) + ["Barbell back squat", "?"]
        let batched = try encoder.embed(texts)
        #expect(batched.count == texts.count)
        for (text, vector) in zip(texts, batched) {
            let single = try encoder.embed(text)
            let difference = zip(vector, single).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference <= Self.componentTolerance, "\(text.prefix(40)): batch vs single max |diff| \(difference)")
        }
    }

    @Test func embed_moreTextsThanOneBatch_keepsOrder() throws {
        let encoder = try Fixtures.encoder.get()
        let names = ["Barbell back squat", "Romanian deadlift", "Pull-up", "Plank"]
        let texts = (0..<(SentenceEncoder.batchSize + 5)).map { names[$0 % names.count] }
        let vectors = try encoder.embed(texts)
        let singles = try names.map { try encoder.embed($0) }
        #expect(vectors.count == texts.count)
        for (i, vector) in vectors.enumerated() {
            #expect(SentenceEncoder.cosine(vector, singles[i % names.count]) > 0.99999)
        }
        #expect(try encoder.embed([String]()).isEmpty)
    }

    @Test func embed_returnsUnitVectorsThatRankRelatedExercisesHigher() throws {
        let encoder = try Fixtures.encoder.get()
        let vectors = try encoder.embed(["Barbell back squat", "Front squat", "Seated calf raise on a machine"])
        for vector in vectors {
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(SentenceEncoder.cosine(vectors[0], vectors[1]) > SentenceEncoder.cosine(vectors[0], vectors[2]))
    }

    @Test func embed_concurrentCallers_getTheSameVectors() async throws {
        let encoder = try Fixtures.encoder.get()
        let texts = Fixtures.vectors.sentences.prefix(8).map(\.text)
        let expected = try encoder.embed(Array(texts))
        let results = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask { (i, try encoder.embed(text)) }
            }
            return try await group.reduce(into: [Int: [Float]]()) { $0[$1.0] = $1.1 }
        }
        for i in texts.indices {
            let difference = zip(results[i]!, expected[i]).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference <= Self.componentTolerance)
        }
    }

    @Test func tokenIDs_matchTheReference() throws {
        let encoder = try Fixtures.encoder.get()
        let sentence = Fixtures.vectors.sentences[0]
        #expect(encoder.tokenIDs(for: sentence.text) == sentence.ids)
        #expect(encoder.maxTokens == 256)
    }

    @Test func cosine_ofOrthogonalParallelAndZeroVectors() {
        #expect(SentenceEncoder.cosine([1, 0], [0, 3]) == 0)
        #expect(abs(SentenceEncoder.cosine([1, 2], [2, 4]) - 1) < 1e-6)
        #expect(abs(SentenceEncoder.cosine([1, 2], [-1, -2]) + 1) < 1e-6)
        #expect(SentenceEncoder.cosine([0, 0], [1, 1]) == 0)
    }
}

@Suite struct SentenceEncoderBackgroundTests {
    @Test func embedInBackground_givesTheSameVectorsAsEmbed() async throws {
        let encoder = try Fixtures.encoder.get()
        let texts = Fixtures.vectors.sentences.prefix(4).map(\.text)
        let background = try await encoder.embedInBackground(Array(texts))
        let direct = try encoder.embed(Array(texts))
        // OpenBLAS may split the GEMMs differently between calls: equal up to float rounding.
        #expect(background.count == direct.count)
        for (b, d) in zip(background, direct) {
            #expect(zip(b, d).map { abs($0 - $1) }.max() ?? 0 <= 1e-5)
        }
    }

    @Test func embedInBackground_whenTaskIsCancelled_throwsCancellationError() async throws {
        let encoder = try Fixtures.encoder.get()
        let texts = Array(repeating: "Barbell back squat", count: 3 * SentenceEncoder.batchSize)
        let result = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await encoder.embedInBackground(texts)
        }.result
        #expect(throws: CancellationError.self) { try result.get() }
    }
}
