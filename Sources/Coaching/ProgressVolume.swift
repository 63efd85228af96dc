import Foundation

/// Weekly working sets per muscle over the last four weeks against `Muscle.weeklyTargetSets`:
/// which muscles are well under target (< 60 %) or well over (> 150 %). Primary muscles count a
/// set as 1, secondary as ½ (`TrainingFeatures.muscleLoads`).
public struct VolumeBalance: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var muscle: Muscle
        public var setsPerWeek: Double
        public var target: Double
        public var ratio: Double { target > 0 ? setsPerWeek / target : 0 }
    }

    /// Every muscle, most under target first.
    public var entries: [Entry]
    public var weeks: Double

    public var under: [Entry] { entries.filter { $0.ratio < 0.6 } }
    public var over: [Entry] { entries.filter { $0.ratio > 1.5 }.sorted { $0.ratio > $1.ratio } }

    /// Nil when nothing was trained in the window.
    public static func compute(sessions: [WorkoutSession], asOf: Date, weeks: Int = 4) -> VolumeBalance? {
        let loads = TrainingFeatures.muscleLoads(sessions.filter { $0.date <= asOf },
                                                 since: asOf.addingTimeInterval(-Double(weeks) * 7 * 86_400),
                                                 calendar: Calendar(identifier: .gregorian))
        guard !loads.isEmpty else { return nil }
        let entries = Muscle.allCases.map { m in
            Entry(muscle: m, setsPerWeek: (loads[m]?.sets ?? 0) / Double(weeks), target: m.weeklyTargetSets)
        }.sorted { $0.ratio < $1.ratio }
        return VolumeBalance(entries: entries, weeks: Double(weeks))
    }
}
