import Foundation

/// How regularly the lifter trains: sessions per week over the last four weeks against the
/// profile's planned days per week, and the days since the last session.
public struct Consistency: Sendable, Equatable {
    public var sessionsLast28Days: Int
    public var perWeek: Double { Double(sessionsLast28Days) / 4 }
    public var plannedPerWeek: Int?
    public var daysSinceLast: Int?
    /// Sessions on distinct days over the whole log.
    public var totalSessions: Int

    public static func compute(sessions: [WorkoutSession], plannedPerWeek: Int?, asOf: Date) -> Consistency {
        let calendar = Calendar(identifier: .gregorian)
        let past = sessions.filter { $0.date <= asOf }
        let days = Set(past.map { calendar.startOfDay(for: $0.date) })
        let recent = days.filter { $0 > asOf.addingTimeInterval(-28 * 86_400) }.count
        let last = days.max().map { calendar.dateComponents([.day], from: $0, to: calendar.startOfDay(for: asOf)).day ?? 0 }
        return Consistency(sessionsLast28Days: recent, plannedPerWeek: plannedPerWeek, daysSinceLast: last, totalSessions: days.count)
    }
}
