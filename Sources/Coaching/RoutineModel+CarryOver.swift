import Foundation

extension RoutineModel {
    /// Each exercise's carry-over rate as of session `n` (only sessions before it count): of the
    /// times it was in a session and the lifter next logged a session with the same normalised
    /// title, the share in which they did it again — shrunk towards `carryOverPrior` with the weight
    /// of `carryOverPriorWeight` sessions. A "Warm Up" logged in three of four sessions of every split
    /// scores about 0.7; an exercise that is part of the split, about 1. Ranks a planned split's
    /// exercises so that optional items come after the ones the lifter always does.
    func carryOverRates(before n: Int) -> [String: Double] {
        var lastWithTitle: [String: Int] = [:]
        var carried: [String: Int] = [:], kept: [String: Int] = [:]
        for k in 0..<min(n, sessions.count) {
            let title = titles[k]
            if !title.isEmpty, let j = lastWithTitle[title] {
                let done = Set(sessions[k].exercises.map(\.loggedName))
                for name in Set(sessions[j].exercises.map(\.loggedName)) {
                    carried[name, default: 0] += 1
                    if done.contains(name) { kept[name, default: 0] += 1 }
                }
            }
            lastWithTitle[title] = k
        }
        return carried.reduce(into: [:]) { out, entry in
            out[entry.key] = (Double(kept[entry.key] ?? 0) + carryOverPrior * carryOverPriorWeight) / (Double(entry.value) + carryOverPriorWeight)
        }
    }
}
