import Testing
@testable import Agents

@Suite struct GroundedLeadTests {
    static let overload = GroundingFact(id: "overload:bench:load", kind: "overload", subject: "Bench Press",
                                        text: "Bench Press: next top set 190 lb × 5 (increase).", min: 190, max: 190, unit: "lb",
                                        advice: "Next Bench Press session: 190 lb × 5, up from 185 lb.")
    static let fine = GroundingFact(id: "recovery", kind: "recovery", subject: "recovery",
                                    text: "Recovery looks adequate (last sleep 8 h).", advice: "You look recovered (last sleep 8 h), so train as planned.")

    @Test func pain_leadsWithStopAndSeeAProfessional_beforeAnyLoad() {
        let lead = GroundedLead.compose(intent: MessageIntent.of("Sharp pain in my lower back when I deadlift, what weight next?"),
                                        facts: [Self.overload, RuleFacts.care])
        #expect(lead?.hasPrefix("If the pain is sharp") == true)
        #expect(lead?.contains("physiotherapist") == true)
    }

    @Test func poorRecoveryAndAHeavyQuestion_leadWithRest_notTheLoad() {
        let lead = GroundedLead.compose(intent: MessageIntent.of("I slept 4.5 hours and I'm sore. Should I squat heavy today?"),
                                        facts: [Self.overload, ReplyEnforcerTests.poorRecovery])
        #expect(lead == "Not a heavy day: rest or train about 10% lighter, and no PR attempt today.")
    }

    @Test func loadQuestion_leadsWithTheNextLoad() {
        let lead = GroundedLead.compose(intent: MessageIntent.of("I benched 185 for 3x5 and it felt easy. What next bench day?"),
                                        facts: [Self.overload, Self.fine])
        #expect(lead?.hasPrefix("Next Bench Press session: 190 lb × 5") == true)
    }

    @Test func progressQuestion_leadsWithTheProgressFigures() {
        let lead = GroundedLead.compose(intent: MessageIntent.of("How has my squat progressed over the last two months?"),
                                        facts: [ReplyEnforcerTests.progress, Self.fine])
        #expect(lead == ReplyEnforcerTests.progress.advice)
    }

    @Test func noDecisionForTheQuestion_meansNoLead() {
        #expect(GroundedLead.compose(intent: MessageIntent.of("Tell me a joke"), facts: [Self.overload]) == nil)
        #expect(GroundedLead.compose(intent: MessageIntent.of("How has my squat progressed?"), facts: []) == nil)
    }
}

@Suite struct MessageIntentTests {
    @Test func ordinaryQuestions_readAsTheirIntents() {
        #expect(MessageIntent.of("I have a sharp pain in my back").contains(.pain))
        #expect(MessageIntent.of("Should I squat heavy today? I slept 4.5 h").contains(.readiness))
        #expect(MessageIntent.of("How has my squat progressed over two months?").contains(.progress))
        #expect(MessageIntent.of("Give me a 45 minute dumbbell-only session").contains(.plan))
        #expect(MessageIntent.of("I've missed two weeks and feel unmotivated").contains(.motivation))
        #expect(MessageIntent.of("Am I training legs enough? What's my volume?").contains(.volume))
        #expect(MessageIntent.of("What weight should I use next bench day?").contains(.load))
        #expect(MessageIntent.of("Tell me a joke").isEmpty)
    }
}
