import Testing
@testable import Coaching

@Suite struct OneRepMaxTests {
    @Test func epley_100kgFor5_is116point67() {
        #expect(abs(OneRepMax.epley(weight: 100, reps: 5) - 116.6667) < 1e-3)
        #expect(OneRepMax.epley(weight: 140, reps: 1) == 140)
        #expect(abs(OneRepMax.epley(weight: 225, reps: 10) - 300) < 1e-9)   // 225 × (1 + 10/30)
    }

    @Test func brzycki_100kgFor5_is112point5() {
        #expect(abs(OneRepMax.brzycki(weight: 100, reps: 5) - 112.5) < 1e-9)
        #expect(abs(OneRepMax.brzycki(weight: 100, reps: 10) - 133.3333) < 1e-3)  // 100·36/27
        #expect(OneRepMax.brzycki(weight: 180, reps: 1) == 180)
    }

    @Test func rpeTable_matchesChartEntries() {
        // Chart values: 1 @ 10 = 100%, 5 @ 10 = 86.3%, 5 @ 8 = 81.1%, 3 @ 9 = 89.2%, 8 @ 7 = 70.7%.
        #expect(OneRepMax.fractionOfMax(reps: 1, rpe: 10) == 1)
        #expect(abs(OneRepMax.fractionOfMax(reps: 5, rpe: 10) - 0.863) < 1e-9)
        #expect(abs(OneRepMax.fractionOfMax(reps: 5, rpe: 8) - 0.811) < 1e-9)
        #expect(abs(OneRepMax.fractionOfMax(reps: 3, rpe: 9) - 0.892) < 1e-9)
        #expect(abs(OneRepMax.fractionOfMax(reps: 8, rpe: 7) - 0.707) < 1e-9)
        // RIR 2 is RPE 8; half-RPE steps sit on the chart's half rows.
        #expect(OneRepMax.fractionOfMax(reps: 5, rir: 2) == OneRepMax.fractionOfMax(reps: 5, rpe: 8))
        #expect(abs(OneRepMax.fractionOfMax(reps: 4, rpe: 8.5) - 0.850) < 1e-9)
    }

    @Test func rpeAdjusted_100kgFor5AtRPE8_is123point3() {
        #expect(abs(OneRepMax.rpeAdjusted(weight: 100, reps: 5, rpe: 8) - 123.30) < 0.01)
        // And back again: the load for 5 @ 8 from that e1RM is 100 kg.
        #expect(abs(OneRepMax.load(forReps: 5, rpe: 8, oneRepMax: 123.3046) - 100) < 0.01)
    }

    @Test func rpeTable_isMonotoneInRepsAndEffort() {
        for reps in 1..<15 {
            #expect(OneRepMax.fractionOfMax(reps: reps + 1, rpe: 9) < OneRepMax.fractionOfMax(reps: reps, rpe: 9))
            #expect(OneRepMax.fractionOfMax(reps: reps, rpe: 7) < OneRepMax.fractionOfMax(reps: reps, rpe: 9))
        }
    }
}
