import Foundation

extension RecommendationReplay {
    /// What the lifter did in place of a missed slot of the top 5.
    public enum DoneInstead: String, CaseIterable, Sendable {
        /// Nothing: the session had fewer exercises than the slots the model filled.
        case nothing = "nothing (session under 5 exercises)"
        /// An exercise never logged before (a new exercise replaced one of the split).
        case newExercise = "a never-logged exercise"
        /// A logged exercise, in a session whose title matched no logged session (new program, ad hoc).
        case newTitle = "an exercise under a new title"
        /// An exercise of the titled sessions ranked below 5 (an optional item, or order).
        case rankedLower = "an exercise of the split ranked lower"
        /// An exercise logged before only in other splits (taken over from another split).
        case otherSplit = "another split's exercise"
    }

    /// Where the missed prediction came from.
    public enum Predicted: String, CaseIterable, Sendable {
        /// The last session with the planned title had it: skipped this time, or replaced.
        case inLastTitled = "in the last titled session"
        /// Only older sessions with the title had it: the split had already changed.
        case onlyOlderTitled = "only in older titled sessions"
        /// Not in the titled sessions: filled from the other splits.
        case fill = "filled from other splits"
    }

    /// The missed slots of a ranking's top 5, classified (`misses(_:from:to:)`).
    public struct Misses: Sendable {
        public var sessions = 0, slots = 0
        public var doneInstead: [DoneInstead: Int] = [:]
        public var predicted: [Predicted: Int] = [:]
    }

    /// Classifies every missed slot in the top 5 of `model` with the session's own title as the
    /// planned split, on sessions `start..<end`. Each wrong prediction is paired, in rank order,
    /// with a performed exercise the top 5 left out (in session order); `titled` are the sessions
    /// the model draws the planned split from (`RoutineModel.sessions(titled:before:)`).
    public func misses(_ model: RoutineModel, from start: Int = 1, to end: Int? = nil) -> Misses {
        var out = Misses()
        for i in max(1, start)..<(end ?? sessions.count) {
            let done = sessions[i].exercises.map(\.loggedName), doneSet = Set(done)
            guard !done.isEmpty else { continue }
            out.sessions += 1
            let top = model.nextExercises(asOf: sessions[i].date, plannedSplit: sessions[i].title, limit: 5).map(\.loggedName)
            let wrong = top.filter { !doneSet.contains($0) }
            guard !wrong.isEmpty else { continue }
            let n = model.sessions.firstIndex { $0.date >= sessions[i].date } ?? model.sessions.count
            let titled = model.sessions(titled: sessions[i].title, before: n)
            let last = Set(titled.last.map { model.sessions[$0].exercises.map(\.loggedName) } ?? [])
            let older = Set(titled.suffix(model.plannedSessions).flatMap { model.sessions[$0].exercises.map(\.loggedName) })
            let everTitled = Set(titled.flatMap { model.sessions[$0].exercises.map(\.loggedName) })
            let logged = Set(model.sessions[..<n].flatMap { $0.exercises.map(\.loggedName) })
            let leftOut = done.filter { !top.contains($0) }
            for (k, name) in wrong.enumerated() {
                out.slots += 1
                out.predicted[last.contains(name) ? .inLastTitled : older.contains(name) ? .onlyOlderTitled : .fill, default: 0] += 1
                let cause: DoneInstead
                if k >= leftOut.count { cause = .nothing }
                else if !logged.contains(leftOut[k]) { cause = .newExercise }
                else if titled.isEmpty { cause = .newTitle }
                else if everTitled.contains(leftOut[k]) { cause = .rankedLower }
                else { cause = .otherSplit }
                out.doneInstead[cause, default: 0] += 1
            }
        }
        return out
    }
}
