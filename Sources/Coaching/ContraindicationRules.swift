/// Which exercises an injury rules out. Explicit catalog tags always apply; these inferred rules
/// cover catalogs without tags (free-exercise-db has none) and are deliberately conservative.
public enum ContraindicationRules {
    /// The body sites `site(_:)` can return (bit i of a site mask is `sites[i]`).
    public static let sites = ["lower back", "knee", "shoulder", "wrist", "elbow", "neck", "hip", "ankle"]

    /// Bit mask of the sites `e` is contraindicated for.
    static func mask(_ e: CatalogExercise) -> UInt16 {
        var m: UInt16 = 0
        for (i, s) in sites.enumerated() where isContraindicated(e, site: s) { m |= 1 << UInt16(i) }
        for tag in e.contraindications { if let s = site(tag), let i = sites.firstIndex(of: s) { m |= 1 << UInt16(i) } }
        return m
    }

    /// Bit mask of the sites named by `injuries`.
    static func mask(injuries: [String]) -> UInt16 {
        injuries.reduce(0) { m, inj in
            guard let s = site(inj), let i = sites.firstIndex(of: s) else { return m }
            return m | 1 << UInt16(i)
        }
    }

    /// Normalises an injury description to a body site: "knee pain", "ACL", "knees" → "knee".
    public static func site(_ injury: String) -> String? {
        let s = injury.lowercased()
        let table: [(String, [String])] = [
            ("lower back", ["lower back", "low back", "lumbar", "disc", "sciatica", "back"]),
            ("knee", ["knee", "acl", "mcl", "meniscus", "patell"]),
            ("shoulder", ["shoulder", "rotator", "labrum", "ac joint"]),
            ("wrist", ["wrist", "carpal"]),
            ("elbow", ["elbow", "tennis elbow", "golfer"]),
            ("neck", ["neck", "cervical"]),
            ("hip", ["hip"]),
            ("ankle", ["ankle", "achilles"]),
        ]
        return table.first { $0.1.contains { s.contains($0) } }?.0
    }

    /// Whether `exercise` should be avoided by someone with an injury at `site`.
    public static func isContraindicated(_ e: CatalogExercise, site: String) -> Bool {
        if e.contraindications.contains(site) { return true }
        let p = Set(e.primaryMuscles), all = p.union(e.secondaryMuscles)
        let loaded = !e.isBodyweight || e.category == "plyometrics"
        let compound = e.mechanic == "compound"
        let name = e.name.lowercased()
        switch site {
        case "lower back":
            return p.contains(.lowerBack)
                || (loaded && compound && (name.contains("deadlift") || name.contains("good morning") || name.contains("squat")
                    || name.contains("bent over") || name.contains("clean") || name.contains("snatch")))
        case "knee":
            return e.category == "plyometrics" || (p.contains(.quadriceps) && compound && loaded)
                || name.contains("lunge") || name.contains("jump")
        case "shoulder":
            return p.contains(.shoulders)
                || (p.contains(.chest) && compound && loaded) || name.contains("overhead") || name.contains("snatch")
                || name.contains("dip")
        case "wrist":
            return p.contains(.forearms) || name.contains("clean") || name.contains("push-up") || name.contains("pushup")
        case "elbow":
            return (p.contains(.triceps) || p.contains(.biceps) || p.contains(.forearms)) && loaded
        case "neck":
            return p.contains(.neck) || (all.contains(.traps) && loaded && name.contains("shrug"))
        case "hip":
            return (p.contains(.adductors) || p.contains(.abductors) || p.contains(.glutes)) && loaded
        case "ankle":
            return e.category == "plyometrics" || p.contains(.calves) || name.contains("jump") || e.category == "cardio"
        default:
            return false
        }
    }
}
