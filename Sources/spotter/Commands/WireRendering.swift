import Foundation
import Wire

/// Short human renderings of typed daemon answers, like `JSONValue.text`: whole numbers without
/// a trailing `.0`, `-` for a missing value, lists joined with commas.
func shown(_ value: Double?) -> String {
    guard let value else { return "-" }
    return JSONValue.number(value).text
}

func shown(_ value: Int?) -> String { value.map(String.init) ?? "-" }

func shown(_ value: String?) -> String { value ?? "-" }

func shown(_ values: [String]) -> String { values.isEmpty ? "-" : values.joined(separator: ", ") }

func renderUser(_ u: UserOutput) -> String {
    let prefs = u.preferences.isEmpty ? "-" : u.preferences.keys.sorted().map { "\($0)=\(u.preferences[$0]!)" }.joined(separator: ", ")
    return """
    user:        \(u.id)
    age:         \(shown(u.age))   sex: \(shown(u.sex?.rawValue))
    bodyweight:  \(shown(u.bodyweight)) \(u.units.rawValue)
    experience:  \(shown(u.experience?.profileName))   goal: \(shown(u.goal?.profileName))   days/week: \(shown(u.daysPerWeek))
    equipment:   \(shown(u.equipment))
    injuries:    \(shown(u.injuries))
    preferences: \(prefs)
    """
}

func renderWorkout(_ w: WorkoutOutput) -> String {
    var lines = ["#\(w.id)  \(WireDate.format(w.startedAt))  \(w.title ?? "")  [\(w.source)]"]
    for e in w.exercises {
        let sets = e.sets.map { s -> String in
            var t = s.weight.map { shown($0) } ?? "bw"
            t += "x\(shown(s.reps))"
            if let rpe = s.rpe { t += "@\(shown(rpe))" }
            if s.type != .normal { t += "(\(s.type.rawValue))" }
            return t
        }
        lines.append("  \(e.name): \(sets.joined(separator: " "))  \(w.units.rawValue)")
    }
    return lines.joined(separator: "\n")
}
