/// One check on a case's outcome. Any assertion may be negated (`not: true`) and weighted.
public struct Assertion: Sendable, Equatable {
    /// The assertion types of the suite format (`type:` in YAML).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case routedTo = "routed-to"
        case contains
        case icontains
        case icontainsAny = "icontains-any"
        case notIcontains = "not-icontains"
        case regex
        case jsonSchema = "json-schema"
        case grounded
        case similar
        case maxLatencyMs = "max-latency-ms"
        case llmRubric = "llm-rubric"
    }

    /// What `json-schema` validates.
    public enum Target: String, Sendable, Codable {
        /// The reply text, parsed as JSON.
        case reply
        /// The `grounding` object of the chat response.
        case grounding
        /// The whole response body (chat response or tracker JSON).
        case response
    }

    public var kind: Kind
    /// The argument: a string, a list of strings, a number, or a schema object.
    public var value: JSONValue
    public var negate: Bool
    public var weight: Double
    /// For `similar`: minimum cosine. For `llm-rubric`: minimum judge score.
    public var threshold: Double?
    /// For `grounded`: the tolerance in the user's unit (default one plate step: 2.5 kg / 5 lb).
    public var tolerance: Double?
    public var target: Target
    /// The line of the assertion in its suite file.
    public var line: Int

    public init(
        _ kind: Kind, _ value: JSONValue = .null, negate: Bool = false, weight: Double = 1,
        threshold: Double? = nil, tolerance: Double? = nil, target: Target = .response, line: Int = 0
    ) {
        self.kind = kind
        self.value = value
        self.negate = negate
        self.weight = weight
        self.threshold = threshold
        self.tolerance = tolerance
        self.target = target
        self.line = line
    }

    /// A short human label, e.g. `not icontains "PR"`.
    public var label: String {
        let arg: String
        switch value {
        case .null: arg = ""
        case .string(let s): arg = " \"\(s)\""
        case .object: arg = " {schema}"
        default: arg = " \(value.jsonText)"
        }
        return (negate ? "not " : "") + kind.rawValue + arg
    }
}
