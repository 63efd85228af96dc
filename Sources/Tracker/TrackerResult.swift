import Foundation
// `unit` is the shared vocabulary's `WeightUnit` (`kg`, `lb`), re-exported for clients of the tracker.
@_exported import Vocabulary

/// Tracker JSON: what an image said, one entry per exercise. Schema: `schemas/tracker.schema.json`.
///
/// Encode with ``TrackerResult/encoder`` for snake_case keys (`raw_text`, `rest_seconds`).
public struct TrackerResult: Codable, Sendable, Equatable {
    /// Which backend read the image.
    public enum Source: String, Codable, Sendable { case ocr, vlm }

    public var source: Source
    /// The text the backend read (OCR lines, or the vision model's transcription).
    public var rawText: String
    public var entries: [TrackerEntry]

    public init(source: Source, rawText: String, entries: [TrackerEntry]) {
        self.source = source
        self.rawText = rawText
        self.entries = entries
    }

    /// A JSON encoder with the tracker's key style (snake_case, sorted keys).
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// A JSON decoder matching ``encoder``.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}

/// One exercise line: the original text plus what was understood from it.
public struct TrackerEntry: Codable, Sendable, Equatable {
    /// The original line (after OCR), so the simplest integration can show it verbatim.
    public var content: String
    public var exercise: ExerciseRef
    public var sets: Int?
    public var reps: Reps?
    /// Load per set; for a ramp (`140x5, 150x3, 160x1`) the top set's load.
    public var weight: Double?
    /// `kg` or `lb` when the line names one.
    public var unit: WeightUnit?
    public var rpe: Double?
    public var rir: Int?
    public var restSeconds: Int?
    /// Superset or block label: `A` for A1/A2, `Circuit`, `EMOM 10 min`, `AMRAP 12 min`.
    public var group: String?
    /// The heading the line sits under (`Day 1 — Push`).
    public var section: String?
    /// Anything else on the line: parenthesised remarks, the set ramp, durations.
    public var notes: String?
    /// 0...1: how much to trust this entry (OCR line confidence, name match, completeness).
    public var confidence: Double

    public init(content: String, exercise: ExerciseRef, sets: Int? = nil, reps: Reps? = nil,
                weight: Double? = nil, unit: WeightUnit? = nil, rpe: Double? = nil, rir: Int? = nil,
                restSeconds: Int? = nil, group: String? = nil, section: String? = nil,
                notes: String? = nil, confidence: Double = 1) {
        self.content = content
        self.exercise = exercise
        self.sets = sets
        self.reps = reps
        self.weight = weight
        self.unit = unit
        self.rpe = rpe
        self.rir = rir
        self.restSeconds = restSeconds
        self.group = group
        self.section = section
        self.notes = notes
        self.confidence = confidence
    }
}

/// The exercise an entry is about.
public struct ExerciseRef: Codable, Sendable, Equatable {
    /// Knowledge-base id when matched, else `nil`.
    public var id: String?
    /// Canonical name when matched, else the name as written.
    public var name: String
    public var matched: Bool
    /// The name exactly as it appeared in the image.
    public var asWritten: String

    public init(id: String?, name: String, matched: Bool, asWritten: String) {
        self.id = id
        self.name = name
        self.matched = matched
        self.asWritten = asWritten
    }
}

/// Reps per set: a number (`8`) or a range (`8-12`). Encodes as `8` or `{"min": 8, "max": 12}`.
public enum Reps: Codable, Sendable, Equatable {
    case exact(Int)
    case range(min: Int, max: Int)

    private enum Keys: String, CodingKey { case min, max }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let n = try? single.decode(Int.self) {
            self = .exact(n)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        self = .range(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .exact(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .range(let lo, let hi):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(lo, forKey: .min)
            try c.encode(hi, forKey: .max)
        }
    }
}
