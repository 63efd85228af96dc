/// What the daemon answered for one case: the parts the assertions look at.
public struct CaseOutcome: Sendable, Equatable {
    /// The reply text (chat), or the tracker JSON as text (tracker cases).
    public var reply: String
    /// The agent that answered (`agent` of the chat response).
    public var agent: String?
    /// `grounding` of the chat response: the facts the reply must agree with.
    public var grounding: JSONValue?
    /// The whole response body.
    public var response: JSONValue?
    /// Server-side `timings.total_ms` when reported, else the client's wall time.
    public var latencyMs: Double
    public var model: String?
    public var backend: String?

    public init(
        reply: String, agent: String? = nil, grounding: JSONValue? = nil, response: JSONValue? = nil,
        latencyMs: Double = 0, model: String? = nil, backend: String? = nil
    ) {
        self.reply = reply
        self.agent = agent
        self.grounding = grounding
        self.response = response
        self.latencyMs = latencyMs
        self.model = model
        self.backend = backend
    }
}

/// The verdict of one assertion on one outcome.
public struct AssertionResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case pass, fail, skip }

    public var label: String
    public var status: Status
    /// Why it passed, failed or was skipped, in words (`reply does not mention "190"`).
    public var detail: String
    public var weight: Double
    public var line: Int

    public init(label: String, status: Status, detail: String, weight: Double, line: Int) {
        self.label = label
        self.status = status
        self.detail = detail
        self.weight = weight
        self.line = line
    }
}
