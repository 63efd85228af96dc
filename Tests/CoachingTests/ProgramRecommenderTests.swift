import Testing
@testable import Coaching

@Suite struct ProgramRecommenderTests {
    let templates = [
        ProgramTemplate(id: "starting-strength", name: "Beginner barbell strength", goals: [.strength], levels: [.beginner],
                        daysPerWeek: 3...3, equipment: ["barbell"], description: "Linear progression on the squat, press and deadlift."),
        ProgramTemplate(id: "ppl", name: "Push pull legs", goals: [.hypertrophy], levels: [.intermediate, .expert],
                        daysPerWeek: 6...6, equipment: ["barbell", "dumbbell", "cable"], description: "High volume split."),
        ProgramTemplate(id: "home-hiit", name: "Home conditioning", goals: [.weightLoss, .generalFitness], levels: [.beginner, .intermediate],
                        daysPerWeek: 3...4, equipment: ["body only"], description: "Bodyweight circuits and intervals."),
    ]

    @Test func rules_rankTheMatchingTemplateFirst_coldStart() {
        let r = ProgramRecommender(templates: templates) { _, _ in 0 }
        let beginner = UserProfile(experience: .beginner, goal: .strength, daysPerWeek: 3, equipment: ["barbell"])
        #expect(r.recommend(profile: beginner, k: 3).first?.template.id == "starting-strength")
        let home = UserProfile(experience: .beginner, goal: .weightLoss, daysPerWeek: 4, equipment: [])
        let top = r.recommend(profile: home, k: 3)
        #expect(top.first?.template.id == "home-hiit")
        #expect(top.first { $0.template.id == "ppl" }?.reasons.contains { $0.contains("needs") } == true)
    }

    @Test func similarity_breaksTiesBetweenEqualRuleScores() {
        let twins = [templates[0], { var t = templates[0]; t.id = "other"; t.description = "Olympic lifting focus"; return t }()]
        let r = ProgramRecommender(templates: twins) { _, text in text.contains("Olympic") ? 0.9 : 0.1 }
        let p = UserProfile(experience: .beginner, goal: .strength, daysPerWeek: 3, equipment: ["barbell"])
        let recs = r.recommend(profile: p, k: 2)
        #expect(recs.map(\.template.id) == ["other", "starting-strength"])
        #expect(recs[0].ruleScore == recs[1].ruleScore && recs[0].ruleScore == 100)
    }
}
