/// `GET /v1/users/{user}/recommendations/exercises` response.
public struct ExerciseRecommendationsWire: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var equipment: String?
        public var primaryMuscles: [String]
        /// 0–100, the sum of `components`.
        public var score: Double
        /// muscle_balance 0–30, recovery 0–20, preference 0–20, goal_alignment 0–15,
        /// experience_match 0–10, novelty 0–5.
        public var components: [String: Double]
        public var reasons: [String]

        public init(id: String, name: String, equipment: String? = nil, primaryMuscles: [String], score: Double,
                    components: [String: Double], reasons: [String]) {
            self.id = id
            self.name = name
            self.equipment = equipment
            self.primaryMuscles = primaryMuscles
            self.score = score
            self.components = components
            self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey {
            case id, name, equipment, score, components, reasons
            case primaryMuscles = "primary_muscles"
        }
    }
    public var user: String
    /// True when the user has no logged sessions: the profile alone decided.
    public var coldStart: Bool
    public var recommendations: [Item]

    public init(user: String, coldStart: Bool, recommendations: [Item]) {
        self.user = user
        self.coldStart = coldStart
        self.recommendations = recommendations
    }

    enum CodingKeys: String, CodingKey { case user, recommendations, coldStart = "cold_start" }
}

/// `GET /v1/users/{user}/recommendations/programs` response.
public struct ProgramRecommendationsWire: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// 0–1: 0.7 × rule_score/100 + 0.3 × similarity.
        public var score: Double
        /// 0–100: goal 40, level 25, days per week 20, equipment 15.
        public var ruleScore: Double
        /// Sentence-embedding cosine between the profile and the template text.
        public var similarity: Double
        public var reasons: [String]

        public init(id: String, name: String, score: Double, ruleScore: Double, similarity: Double, reasons: [String]) {
            self.id = id
            self.name = name
            self.score = score
            self.ruleScore = ruleScore
            self.similarity = similarity
            self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey { case id, name, score, similarity, reasons, ruleScore = "rule_score" }
    }
    public var user: String
    public var programs: [Item]

    public init(user: String, programs: [Item]) {
        self.user = user
        self.programs = programs
    }
}
