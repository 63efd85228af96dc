import Testing
import Vocabulary

@Suite struct EquipmentMentionsTests {
    @Test func namedKinds_areRead_andExcludedOnesAreLeftOut() {
        #expect(EquipmentMentions.kinds(inPadded: EquipmentMentions.padded("A dumbbell-only session")) == ["dumbbell"])
        #expect(EquipmentMentions.kinds(inPadded: EquipmentMentions.padded("Kettlebells and bands, no barbell")) == ["kettlebells", "bands"])
        #expect(EquipmentMentions.kinds(inPadded: EquipmentMentions.padded("Bodyweight only")) == ["body only"])
        #expect(EquipmentMentions.kinds(inPadded: EquipmentMentions.padded("Plan my week")) == nil)
    }
}
