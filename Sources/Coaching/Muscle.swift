/// Coaching's knowledge of the shared `Muscle` vocabulary (free-exercise-db's 17 groups).
extension Muscle {

    /// Position in `allCases` (for array-indexed tables).
    public var ordinal: Int { Muscle.ordinals[self]! }
    static let ordinals: [Muscle: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// Weekly working sets a muscle should get for balanced training (a conservative hypertrophy
    /// guideline: ~10 sets for large groups, fewer for small or incidental ones).
    public var weeklyTargetSets: Double {
        switch self {
        case .chest, .lats, .middleBack, .quadriceps, .hamstrings, .glutes, .shoulders: 10
        case .biceps, .triceps, .abdominals, .calves: 6
        case .traps, .lowerBack, .forearms, .adductors, .abductors: 4
        case .neck: 2
        }
    }

    /// Whether loading this muscle is typically lower-body work (bigger load jumps are sensible).
    public var isLowerBody: Bool {
        switch self {
        case .quadriceps, .hamstrings, .glutes, .calves, .adductors, .abductors: true
        default: false
        }
    }
}
