import Foundation
import Testing
@testable import Knowledge

/// One in-memory index over the real knowledge base plus the imported free-exercise-db
/// (~1,000 documents, so BM25's IDF is meaningful), shared by the search tests.
let searchIndex: KnowledgeIndex = {
    let index = try! KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
    _ = try! index.importFreeExerciseDB(contentsOf: freeExerciseDBFile)
    return index
}()

@Suite struct KnowledgeIndexSearchTests {
    @Test(arguments: [
        ("barbell back squat", "barbell-back-squat"),
        ("lat pulldown", "lat-pulldown"),
        ("Bench Press (Dumbbell)", "dumbbell-bench-press"),
        ("face pulls", "face-pull"),
        ("cable pullover for lats", "straight-arm-pulldown"),
        ("Seated Cable Row - V Grip (Cable)", "seated-cable-row"),
        ("romanian deadlift", "romanian-deadlift"),
        ("hip thrust", "barbell-hip-thrust"),
        ("kettlebell swing", "kettlebell-swing"),
    ])
    func bm25_findsTheObviousExercise(query: String, expected: String) throws {
        let hits = try searchIndex.search(SearchQuery(query, mode: .bm25, limit: 3))
        #expect(hits.first?.id == expected, "top hits: \(hits.map(\.id))")
    }

    @Test func bm25_findsPrinciplesAndTemplates() throws {
        let protein = try searchIndex.search(SearchQuery("how much protein per kg should I eat", mode: .bm25, limit: 3))
        #expect(protein.first?.id == "protein-target")
        #expect(protein.first?.kind == .principle)
        let deload = try searchIndex.search(SearchQuery("when should I deload", mode: .bm25, limit: 3, kinds: [.principle]))
        #expect(deload.map(\.id).contains("deload"))
        let ppl = try searchIndex.search(SearchQuery("push pull legs program", mode: .bm25, limit: 3, kinds: [.template]))
        #expect(ppl.first?.id == "push-pull-legs")
    }

    @Test func bm25_scoresAreDescending_andPositive() throws {
        let hits = try searchIndex.search(SearchQuery("dumbbell chest press", mode: .bm25, limit: 10))
        #expect(hits.count == 10)
        #expect(hits.allSatisfy { $0.score > 0 })
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func filters_restrictMuscleAndEquipment_inEveryMode() throws {
        for mode in SearchMode.allCases {
            let hits = try searchIndex.search(SearchQuery("press", mode: mode, limit: 20, muscles: [.chest], equipment: [.dumbbell]))
            #expect(!hits.isEmpty)
            for hit in hits {
                #expect(hit.kind == .exercise)
                let e = searchIndex.state.withLock { s in s.documents[s.position[hit.id]!] }
                #expect(e.primaryMuscles.contains(.chest), "\(hit.id) in \(mode)")
                #expect(e.equipment == .dumbbell, "\(hit.id) in \(mode)")
            }
        }
    }

    @Test func filters_levelAndCategory() throws {
        let cardio = try searchIndex.search(SearchQuery("low impact", mode: .hybrid, limit: 10, categories: [.cardio]))
        #expect(!cardio.isEmpty)
        let levels = try searchIndex.search(SearchQuery("squat", mode: .bm25, limit: 30, levels: [.expert]))
        #expect(!levels.isEmpty)
        let docs = searchIndex.state.withLock { s in (cardio + levels).map { s.documents[s.position[$0.id]!] } }
        #expect(docs.prefix(cardio.count).allSatisfy { $0.category == .cardio })
        #expect(docs.dropFirst(cardio.count).allSatisfy { $0.level == .expert })
        #expect(levels.map(\.id).contains("pistol-squat"))
    }

    @Test func filters_whenNothingMatches_returnNothing() throws {
        let hits = try searchIndex.search(SearchQuery("bench press", mode: .hybrid, limit: 5, muscles: [.neck], equipment: [.bands]))
        #expect(hits.isEmpty)
    }

    @Test func bm25_treatsFTSSyntaxInUserInputAsPlainWords() throws {
        for hostile in ["\"chest", "chest OR NEAR(", "title:squat", "*", "a AND", "'; DROP TABLE document; --", "-", "()"] {
            _ = try searchIndex.search(SearchQuery(hostile, mode: .bm25, limit: 5))
        }
        #expect(try searchIndex.search(SearchQuery("title:squat", mode: .bm25, limit: 1)).first != nil)
        #expect(searchIndex.documentCount > 900)
    }

    @Test func hybrid_ranksADocumentFoundByBothListsAboveOneFoundByOne() throws {
        // b is second in both lists; a and d each top one list only.
        let fused = ReciprocalRankFusion.fuse([["a", "b", "c"], ["d", "b", "e"]])
        #expect(fused.map(\.id) == ["b", "a", "d", "c", "e"])
        #expect(abs(fused[0].score - 2.0 / 62.0) < 1e-12)
        #expect(abs(fused[1].score - 1.0 / 61.0) < 1e-12)
        // Ranks 1 and 3 beat ranks 2 and 2 (1/61 + 1/63 > 2/62).
        // a and c tie; the tie breaks by first appearance.
        #expect(ReciprocalRankFusion.fuse([["a", "b", "c"], ["c", "b", "a"]]).map(\.id) == ["a", "c", "b"])
    }

    @Test func hybrid_fusesTheTwoRankings() throws {
        let q = "single arm cable row for the lats"
        let bm25 = try searchIndex.search(SearchQuery(q, mode: .bm25, limit: 50)).map(\.id)
        let dense = try searchIndex.search(SearchQuery(q, mode: .dense, limit: 50)).map(\.id)
        let hybrid = try searchIndex.search(SearchQuery(q, mode: .hybrid, limit: 5))
        let expected = ReciprocalRankFusion.fuse([bm25, dense]).prefix(5).map(\.id)
        #expect(hybrid.map(\.id) == Array(expected))
        #expect(zip(hybrid, hybrid.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func dense_scoresAreCosines() throws {
        let hits = try searchIndex.search(SearchQuery("Barbell Back Squat", mode: .dense, limit: 5))
        #expect(hits.allSatisfy { $0.score <= 1.0001 && $0.score >= -1.0001 })
        #expect(hits.contains { $0.id == "barbell-back-squat" })
    }
}
