import Foundation

/// One eval suite: the cases of one `evals/*.yaml` file, with the suite defaults already applied.
/// The file format is documented in `SuiteLoader.swift` and `schemas/eval-suite.schema.json`.
public struct Suite: Sendable, Equatable {
    /// The suite name (`suite:` in the file, else the file name without extension).
    public var name: String
    /// The file the suite was read from (as given on the command line).
    public var file: String
    public var description: String?
    /// The run fails (exit 1) when fewer than this fraction of the suite's cases pass.
    public var minPassRate: Double
    public var cases: [EvalCase]

    public init(name: String, file: String, description: String? = nil, minPassRate: Double = 1.0, cases: [EvalCase]) {
        self.name = name
        self.file = file
        self.description = description
        self.minPassRate = minPassRate
        self.cases = cases
    }
}

/// One case: a scratch user's state, a request (chat message or tracker image) and assertions.
public struct EvalCase: Sendable, Equatable {
    public var id: String
    public var description: String?
    /// The line of the case in its suite file.
    public var line: Int
    public var user: UserState
    public var request: Request
    /// `auto`, `insight`, `planner` or `coach`; chat only.
    public var agent: String
    /// Sampling overrides sent with the chat request (deterministic runs use 0 and a seed).
    public var temperature: Double?
    public var seed: Int?
    public var maxTokens: Int?
    public var assertions: [Assertion]
    /// The case passes when passed weight / total weight of non-skipped assertions ≥ this.
    public var threshold: Double

    /// A chat case whose only assertions are `routed-to` runs as a route-only request
    /// (`POST /v1/chat/route`): no scratch user, no context, no generation.
    public var isRouteOnly: Bool {
        guard case .chat = request, !assertions.isEmpty else { return false }
        return assertions.allSatisfy { $0.kind == .routedTo }
    }

    public enum Request: Sendable, Equatable {
        case chat(message: String)
        /// Image bytes read from the file named in the suite (resolved against the suite's folder).
        case tracker(imagePath: String)
    }

    public init(
        id: String, description: String? = nil, line: Int = 0, user: UserState = UserState(),
        request: Request, agent: String = "auto", temperature: Double? = nil, seed: Int? = nil,
        maxTokens: Int? = nil, assertions: [Assertion], threshold: Double = 1.0
    ) {
        self.id = id
        self.description = description
        self.line = line
        self.user = user
        self.request = request
        self.agent = agent
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.assertions = assertions
        self.threshold = threshold
    }
}

/// The state created for a case in a scratch user before the request, deleted afterwards.
public struct UserState: Sendable, Equatable {
    /// The body of `PUT /v1/users/{user}` (age, sex, bodyweight, units, experience, goal, ...).
    public var profile: JSONValue?
    /// Bodies of `POST /v1/users/{user}/workouts`, oldest first. `days_ago: N` in the suite is
    /// turned into `started_at` relative to the time of the run.
    public var workouts: [JSONValue]
    /// Body of `POST /v1/users/{user}/checkins`.
    public var checkin: JSONValue?

    public init(profile: JSONValue? = nil, workouts: [JSONValue] = [], checkin: JSONValue? = nil) {
        self.profile = profile
        self.workouts = workouts
        self.checkin = checkin
    }
}
