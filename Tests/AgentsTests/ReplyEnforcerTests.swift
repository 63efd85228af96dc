import Testing
@testable import Agents

@Suite struct ReplyEnforcerTests {
    static let squatContext = UserContext(
        user: "sam", profile: ProfileSummary(units: "kg"),
        recentSessions: [SessionSummary(date: "2026-11-20", title: "Legs", exercises: [
            ExerciseSummary(name: "Squat", sets: [SetSummary(weight: 110, reps: 5, rpe: 8)])]),
                         SessionSummary(date: "2026-09-20", title: "Legs", exercises: [
            ExerciseSummary(name: "Squat", sets: [SetSummary(weight: 100, reps: 5, rpe: 8)])])])
    static let progress = GroundingFact(id: "progress:squat", kind: "progress", subject: "Squat",
                                        text: "Squat over the last 2 months: top set 100 kg × 5 → 110 kg × 5 (9 sessions).",
                                        advice: "Your Squat went from 100 kg × 5 to 110 kg × 5 over the last 2 months, up 10 kg on the top set.")
    static let poorRecovery = GroundingFact(id: "recovery", kind: "recovery", subject: "recovery",
                                            text: "Recovery is poor (sleep under 6 h; last sleep 4.5 h): deload about 10% or rest, no PR attempt today.",
                                            advice: "Not a heavy day: rest or train about 10% lighter, and no PR attempt today.")

    static func enforcer(_ facts: [GroundingFact], lead: String? = nil, cap: Int? = nil, message: String = "How has my squat progressed?") -> ReplyEnforcer {
        ReplyEnforcer(facts: facts, context: squatContext, message: message, lead: lead, maxSentences: cap)
    }

    @Test func inventedHistoryClaim_isRemoved_butTheTrueChangeStays() {
        let e = Self.enforcer([Self.progress])
        let (bad, checks) = e.review(" You've added 110 kg to your squatting.")
        #expect(bad == nil)
        #expect(checks.map(\.kind) == ["load_not_grounded"])
        #expect(e.review(" You added 10 kg in two months.").0 == " You added 10 kg in two months.")
    }

    @Test func hyphenatedLoads_andRepsAfterALoad_areChecked() {
        let reps = GroundingFact(id: "overload:squat:reps", kind: "overload", subject: "Squat", text: "Squat: 3–6 reps.", min: 3, max: 6, unit: "reps")
        let e = Self.enforcer([Self.progress, reps])
        #expect(e.review("Grab 8-pound dumbbells.").0 == nil)
        #expect(e.review("Squat 110 kg × 2 next time.").0 == nil)
        #expect(e.review("Squat 110 kg × 5 next time.").0 != nil)
    }

    @Test func loadInNeitherFactsNorData_isRemoved_loggedAndGroundedLoadsStay() {
        let e = Self.enforcer([Self.progress])
        #expect(e.review("Try 140 kg next week.").0 == nil)
        #expect(e.review("Your best was 110 kg for 5.").0 == "Your best was 110 kg for 5.")
        #expect(e.review("You started at 100 kg.").0 == "You started at 100 kg.")
        // Pounds are converted: 242.5 lb is 110 kg.
        #expect(e.review("That is about 242.5 lb.").0 != nil)
    }

    @Test func pushingAgainstARestDecision_isRemoved_evenNegated_sinceTheLeadStatesIt() {
        let e = Self.enforcer([Self.poorRecovery], message: "Should I go heavy today?")
        #expect(e.review("Go for a PR today!").0 == nil)
        #expect(e.review("You should go heavy and push it.").0 == nil)
        #expect(e.review("You just don't have to go heavier on bench today.").0 == nil)
        #expect(e.review("Take a walk and sleep early instead.").0 != nil)
        // Without a rest decision the same push is allowed.
        #expect(Self.enforcer([Self.progress]).review("Go for a PR next week!").0 != nil)
    }

    @Test func outOfRangeLoadForANamedExercise_isRewrittenToTheGroundedBound() {
        let fact = GroundingFact(id: "overload:squat:load", kind: "overload", subject: "Squat",
                                 text: "Squat: next top set 112.5 kg × 5 (increase).", min: 112.5, max: 112.5, unit: "kg")
        let (text, checks) = Self.enforcer([fact], message: "squat next?").review("Squat 115 kg for 5 next time.")
        #expect(text == "Squat 112.5 kg for 5 next time.")
        #expect(checks.first?.kind == "load_out_of_range")
    }

    @Test func sentenceRepeatingTheLead_isDropped() {
        let lead = Self.progress.advice!
        let e = Self.enforcer([Self.progress], lead: lead)
        #expect(e.review(" Your Squat went from 100 kg × 5 to 110 kg × 5 over the last 2 months, up 10 kg on the top set.").0 == nil)
    }
}

@Suite struct SentenceGateTests {
    @Test func textIsReleasedOnlyAtSentenceEnds_decimalsDoNotEndASentence() {
        var gate = SentenceGate(enforcer: ReplyEnforcerTests.enforcer([ReplyEnforcerTests.progress]), leadSentences: 0)
        #expect(gate.push("You hit 110") == "")
        #expect(gate.push(" kg. Next") == "You hit 110 kg.")
        #expect(gate.push(" aim for 112.") == "")          // "112." may become "112.5"
        #expect(gate.push("5 kg") == "")
        #expect(gate.finish() == "")                        // 112.5 kg is not grounded: removed
        #expect(gate.checks.map(\.kind) == ["load_not_grounded"])
    }

    @Test func theCapCountsTheLead_andStopsAtASentenceBoundary() {
        var gate = SentenceGate(enforcer: ReplyEnforcerTests.enforcer([], cap: 3), leadSentences: 2)
        #expect(gate.push(" Keep going. ") == " Keep going.")
        #expect(gate.capped)
        #expect(gate.push("More words. ") == "")
        #expect(gate.finish() == "")
    }

    @Test func sentenceCount_ignoresDecimalsAndAbbreviations() {
        #expect(SentenceGate.count("Go to 82.5 kg, e.g. on Monday. Then rest!") == 2)
        #expect(SentenceGate.count("One line\nAnother line") == 2)
    }
}

@Suite struct ReplyHygieneTests {
    @Test func repeatedSentence_andCopiedContext_areDropped() {
        var gate = SentenceGate(enforcer: ReplyEnforcerTests.enforcer([ReplyEnforcerTests.progress]), leadSentences: 0)
        let shown = gate.push("Bench 110 kg for 5. Bench 110 kg for 5. Profile: goal strength, 4 days/week.\n</context>\nDone. ") + gate.finish()
        #expect(shown == "Bench 110 kg for 5. Done.")
        #expect(gate.checks.map(\.kind) == ["repeats_sentence", "prompt_leak", "prompt_leak"])
    }

    @Test func equipmentTheLifterLacks_isRemoved() {
        let e = ReplyEnforcer(facts: [], context: ReplyEnforcerTests.squatContext,
                              message: "Plan a session, I only have dumbbells at home", lead: nil, maxSentences: nil)
        #expect(e.review("Do barbell squats 3 x 5.").0 == nil)
        #expect(e.review("Do goblet squats with a dumbbell, 3 x 10.").0 != nil)
    }
}

@Suite struct ReplyHistoryTests {
    @Test func datedClaimThatDoesNotMatchThatDaysLog_isRemoved() {
        let e = ReplyEnforcerTests.enforcer([ReplyEnforcerTests.progress])
        #expect(e.review("On 2026-11-20 you squatted 110 kg for 5.").0 != nil)
        #expect(e.review("On 2026-11-20 you squatted 100 kg for 5.").0 == nil)
    }

    @Test func arguingAgainstRest_isRemovedWhenTheFactsSayRest_evenThoughItSaysNot() {
        let e = ReplyEnforcerTests.enforcer([ReplyEnforcerTests.poorRecovery], message: "Should I train today?")
        #expect(e.review("Rest is not the best option for you right now.").0 == nil)
        #expect(e.review("Push through it today.").0 == nil)
        #expect(e.review("Take a walk and sleep early.").0 != nil)
    }
}
