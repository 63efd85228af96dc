/// `GET /v1/users/{user}/next-workout` response.
public struct NextWorkoutWire: Codable, Sendable, Equatable {
    public struct Day: Codable, Sendable, Equatable {
        public var date: String
        public var type: String

        public init(date: String, type: String) {
            self.date = date
            self.type = type
        }
    }
    public struct Ranked: Codable, Sendable, Equatable {
        public var type: String
        public var probability: Double

        public init(type: String, probability: Double) {
            self.type = type
            self.probability = probability
        }
    }
    public var user: String
    /// The day predicted, `YYYY-MM-DD` (UTC).
    public var date: String
    /// The 6 days the model read, oldest first.
    public var history: [Day]
    /// The model's user features: age/100, level/2, goal/2.
    public var features: [Double]
    /// Type → probability for all 7 types (sums to 1).
    public var probabilities: [String: Double]
    /// The same, most probable first.
    public var ranked: [Ranked]

    public init(user: String, date: String, history: [Day], features: [Double], probabilities: [String: Double],
                ranked: [Ranked]) {
        self.user = user
        self.date = date
        self.history = history
        self.features = features
        self.probabilities = probabilities
        self.ranked = ranked
    }
}
