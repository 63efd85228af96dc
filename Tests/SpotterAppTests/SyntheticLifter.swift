import Coaching
import Foundation
@testable import SpotterApp

/// A seeded synthetic lifter's log, varied enough to exercise every part of the calibration: a
/// barbell lift with RPE on plates, dumbbells on a 2 kg grid, a machine stack, a no-RPE row
/// (double progression), an assisted pull-up, bodyweight dips, an exercise logged twice in one
/// session, stalls, deloads, near-maximal streaks with falling reps, and a five-week break.
enum SyntheticLifter {
    /// A small linear congruential generator (the same numbers on every platform).
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func pick<T>(_ values: [T]) -> T { values[min(values.count - 1, Int(next() * Double(values.count)))] }
    }

    struct Lift {
        var name: String
        var id: String
        var muscles: [Muscle]
        var kg: Double?
        var step: Double
        var reps: Int
        var logsRPE: Bool
    }

    /// `count` sessions, three or four a week, from 2024-06-01.
    static func sessions(count: Int = 240, seed: UInt64 = 7) -> [WorkoutSession] {
        var rng = Random(state: seed)
        var lifts = [
            Lift(name: "Squat (Barbell)", id: "barbell-squat", muscles: [.quadriceps], kg: 100, step: 2.5, reps: 5, logsRPE: true),
            Lift(name: "Bench Press (Barbell)", id: "barbell-bench-press", muscles: [.chest], kg: 80, step: 2.5, reps: 8, logsRPE: true),
            Lift(name: "Curl (Dumbbell)", id: "dumbbell-curl", muscles: [.biceps], kg: 14, step: 2, reps: 10, logsRPE: true),
            Lift(name: "Leg Curl (Machine)", id: "leg-curl", muscles: [.hamstrings], kg: 45, step: 5, reps: 12, logsRPE: true),
            Lift(name: "Row (Cable)", id: "cable-row", muscles: [.middleBack], kg: 60, step: 2.5, reps: 10, logsRPE: false),
            Lift(name: "Pull Up (Assisted)", id: "assisted-pull-up", muscles: [.lats], kg: 30, step: 5, reps: 8, logsRPE: true),
            Lift(name: "Dips", id: "dips", muscles: [.triceps], kg: nil, step: 0, reps: 10, logsRPE: true),
            Lift(name: "Lateral Raise (Dumbbell)", id: "dumbbell-lateral-raise", muscles: [.shoulders], kg: 8, step: 2, reps: 15, logsRPE: true),
        ]
        let start = Date(timeIntervalSince1970: 1_717_200_000)
        var day = 0.0
        var out: [WorkoutSession] = []
        for i in 0..<count {
            day += i == count / 2 ? 37 : rng.pick([1, 2, 2, 3])
            let chosen = (0..<lifts.count).filter { _ in rng.next() < 0.6 }
            var exercises: [ExercisePerformance] = []
            for li in chosen {
                var l = lifts[li]
                // The next load: mostly hold, often up by the lift's step, sometimes a light day or a deload.
                let move = rng.next()
                if let kg = l.kg {
                    let signed = l.name.contains("Assisted") ? -l.step : l.step
                    if move < 0.35 { l.kg = max(l.step, kg + signed) } else if move < 0.42 { l.kg = (kg * 0.9 * 2).rounded() / 2 }
                }
                let reps = max(1, l.reps + Int((rng.next() * 5).rounded()) - 2)
                let rpe: Double? = l.logsRPE && rng.next() < 0.9 ? rng.pick([6, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10]) : nil
                let sets = (0..<rng.pick([1, 2, 3, 3, 4])).map { s in
                    LoggedSet(weightKg: l.kg, reps: max(1, reps - (rng.next() < 0.3 ? s : 0)), rpe: rpe.map { min(10, $0 + Double(s) * 0.5) })
                }
                let warmup = l.kg.map { [LoggedSet(weightKg: ($0 * 0.5).rounded(), reps: 8, type: .warmup)] } ?? []
                exercises.append(ExercisePerformance(exerciseId: l.id, name: l.name, primaryMuscles: l.muscles, sets: warmup + sets))
                if rng.next() < 0.05 {   // the same exercise logged twice in one session
                    exercises.append(ExercisePerformance(exerciseId: l.id, name: l.name, primaryMuscles: l.muscles,
                                                         sets: [LoggedSet(weightKg: l.kg.map { $0 * 0.8 }, reps: reps + 2, rpe: rpe)]))
                }
                lifts[li] = l
            }
            out.append(WorkoutSession(date: start + day * 86_400 + rng.next() * 3_600, title: "Session \(i % 3)", exercises: exercises))
        }
        return out
    }

    /// Every value of a calibration, doubles as bit patterns: two fits are identical exactly when
    /// their fingerprints are equal.
    static func fingerprint(_ c: UserCalibration) -> String {
        func bits(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
        let k = c.rules.calibration
        var parts = ["increaseAtRPE=\(bits(k.increaseAtRPE))", "deloadOn=\(k.deloadOn.map(\.rawValue).sorted())"]
        if let h = k.habit { parts.append("habit=\(h.cases):\(h.weights.map(bits).joined(separator: ","))") } else { parts.append("habit=nil") }
        if let s = k.usualSteps {
            parts.append("steps=\(s.byGrid.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue):\(bits($0.value))" }):\(s.overall.map(bits) ?? "nil")")
        } else { parts.append("steps=nil") }
        func tally(_ t: OutcomeTally) -> String { "\(t.accepted)/\(t.changedUp)/\(t.changedDown)/\(t.failed)" }
        parts.append("overall=\(tally(c.overall))")
        parts.append("per=" + c.perExercise.sorted { $0.key < $1.key }.map { "\($0.key)=\(tally($0.value))" }.joined(separator: ";"))
        return parts.joined(separator: " ")
    }
}

/// FNV-1a 64-bit of a string, in hex: a short fingerprint of a long one.
enum FNV1a {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
