import Foundation

/// Equipment an exercise needs or a user has (free-exercise-db vocabulary; `body only` is
/// bodyweight). The raw value is that spelling, used in knowledge files, profiles and on the wire.
public enum Equipment: String, CaseIterable, Sendable, Codable, Hashable {
    case barbell, dumbbell, cable, machine, kettlebells, bands
    case bodyOnly = "body only"
    case medicineBall = "medicine ball"
    case exerciseBall = "exercise ball"
    case foamRoll = "foam roll"
    case ezCurlBar = "e-z curl bar"
    case other

    /// Parses what people type: `bodyweight`, `kettlebell`, `band`, `ez bar`, or a raw value.
    public init?(userInput: String) {
        let s = userInput.lowercased().trimmingCharacters(in: .whitespaces)
        if let e = Equipment(rawValue: s) { self = e; return }
        switch s {
        case "bodyweight", "body weight", "none", "no equipment": self = .bodyOnly
        case "kettlebell", "kb": self = .kettlebells
        case "band", "resistance band", "resistance bands": self = .bands
        case "ez bar", "ez-bar", "ez curl bar", "e-z bar": self = .ezCurlBar
        case "dumbbells", "db": self = .dumbbell
        case "machines": self = .machine
        case "cables": self = .cable
        default: return nil
        }
    }
}
