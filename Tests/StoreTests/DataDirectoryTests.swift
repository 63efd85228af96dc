import Foundation
import GRDB
import Testing
@testable import Store

/// Operator safety for the data directory (issue #15 item 10).
@Suite struct DataDirectoryTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("spt-lock-\(UUID().uuidString.prefix(8))")
    }

    @Test func open_whenAnotherStoreHoldsTheDirectory_isRefusedNamingThePid_andWorksAfterClose() async throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try SpotterStore.open(directory: dir)
        let error = #expect(throws: StoreError.self) { _ = try SpotterStore.open(directory: dir) }
        #expect(error?.kind == .database)
        #expect(error?.message.contains("in use by another daemon") == true)
        #expect(error?.message.contains("pid \(getpid())") == true)
        try first.close()
        let second = try SpotterStore.open(directory: dir)
        try second.close()
    }

    @Test func deleteUser_thenClose_leavesNoTraceInTheFiles() async throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SpotterStore.open(directory: dir)
        let secret = "ZEBRA-SECRET-TITLE-4711"
        try await store.saveUser(UserProfile(id: "ana"))
        _ = try await store.saveWorkout(NewWorkout(title: secret, startedAt: Date(timeIntervalSince1970: 1_757_922_480),
                                                   exercises: [WorkoutExercise(name: "Squat", sets: [WorkoutSet(weightKg: 100, reps: 5)])]),
                                        user: "ana")
        #expect(try await store.deleteUser(id: "ana"))
        try store.close()
        let wal = dir.appendingPathComponent(SpotterStore.fileName + "-wal")
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int) ?? 0
        #expect(walSize == 0, "the WAL is checkpointed and truncated on close")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name) still holds the deleted title")
        }
    }
}
