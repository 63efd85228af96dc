import Testing
@testable import Coaching

@Suite struct PlateRoundingTests {
    @Test func conversion_poundsAndKilograms_roundTrip() {
        #expect(abs(WeightUnit.lb.fromKilograms(100) - 220.462262) < 1e-6)
        #expect(abs(WeightUnit.lb.toKilograms(225) - 102.0582833) < 1e-6)
        #expect(WeightUnit.kg.fromKilograms(82.5) == 82.5)
        #expect(abs(WeightUnit.lb.toKilograms(WeightUnit.lb.fromKilograms(61.25)) - 61.25) < 1e-12)
    }

    @Test func rounding_defaultsTo1point25KgAnd2point5Lb() {
        #expect(PlateRounding(unit: .kg).round(kilograms: 81.9) == 82.5)
        #expect(PlateRounding(unit: .kg).round(kilograms: 81.8) == 81.25)
        #expect(PlateRounding(unit: .lb).round(kilograms: 100) == 220)       // 220.46 lb
        #expect(PlateRounding(unit: .lb).round(kilograms: 102.5) == 225)     // 225.97 lb
        #expect(PlateRounding(unit: .kg, step: 2.5).round(kilograms: 63.7) == 62.5)
        #expect(PlateRounding(unit: .lb, step: 5).roundDown(kilograms: 100) == 220)
        #expect(PlateRounding(unit: .kg).roundDown(kilograms: 72.4) == 71.25)
    }
}
