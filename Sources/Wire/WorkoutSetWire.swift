import Foundation
import Vocabulary

/// One set of a workout, in a request body and in a response alike: `{"type": "normal",
/// "weight": 80, "reps": 5, "rpe": 8, "rir": 2, "distance_m": 400, "duration_s": 90, "notes": "..."}`.
/// Weights are in the user's units. `type` may be left out of a request (it reads as `normal`);
/// responses always carry it.
public struct WorkoutSetWire: Codable, Sendable, Equatable {
    public var type: SetType
    public var weight: Double?
    public var reps: Int?
    public var rpe: Double?
    public var rir: Int?
    public var distanceM: Double?
    public var durationS: Double?
    public var notes: String?

    public init(type: SetType = .normal, weight: Double? = nil, reps: Int? = nil, rpe: Double? = nil, rir: Int? = nil,
                distanceM: Double? = nil, durationS: Double? = nil, notes: String? = nil) {
        self.type = type
        self.weight = weight
        self.reps = reps
        self.rpe = rpe
        self.rir = rir
        self.distanceM = distanceM
        self.durationS = durationS
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey { case type, weight, reps, rpe, rir, distanceM = "distance_m", durationS = "duration_s", notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(SetType.self, forKey: .type) ?? .normal
        weight = try c.decodeIfPresent(Double.self, forKey: .weight)
        reps = try c.decodeWholeNumberIfPresent(forKey: .reps)
        rpe = try c.decodeIfPresent(Double.self, forKey: .rpe)
        rir = try c.decodeWholeNumberIfPresent(forKey: .rir)
        distanceM = try c.decodeIfPresent(Double.self, forKey: .distanceM)
        durationS = try c.decodeIfPresent(Double.self, forKey: .durationS)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}
