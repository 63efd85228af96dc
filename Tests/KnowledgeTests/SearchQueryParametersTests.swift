import Testing
@testable import Knowledge

@Suite struct SearchQueryParametersTests {
    @Test func parameters_parseFiltersAndDefaults() throws {
        let q = try SearchQuery(parameters: ["q": "chest press", "k": "8", "muscle": "chest,triceps",
                                             "equipment": "bodyweight,dumbbell", "mode": "bm25"])
        #expect(q.text == "chest press")
        #expect(q.limit == 8)
        #expect(q.mode == .bm25)
        #expect(q.muscles == [.chest, .triceps])
        #expect(q.equipment == [.bodyOnly, .dumbbell])
        #expect(q.kinds == Set(DocumentKind.allCases))
        let defaults = try SearchQuery(parameters: ["q": "deload"])
        #expect(defaults.limit == 5 && defaults.mode == .hybrid && !defaults.hasExerciseFilters)
    }

    @Test(arguments: [
        (["k": "5"], "q"),
        (["q": "x", "k": "0"], "k"),
        (["q": "x", "k": "many"], "k"),
        (["q": "x", "k": "51"], "k"),  // the documented maximum is 50
        (["q": "x", "muscle": "pecs"], "muscle"),
        (["q": "x", "equipment": "spaceship"], "equipment"),
        (["q": "x", "mode": "fuzzy"], "mode"),
        (["q": "x", "kind": "video"], "kind"),
    ])
    func parameters_whenInvalid_nameTheParameter(parameters: [String: String], field: String) throws {
        let error = try #require(throws: KnowledgeError.self) { try SearchQuery(parameters: parameters) }
        #expect(error.code == .query)
        #expect(error.field == field)
    }
}
