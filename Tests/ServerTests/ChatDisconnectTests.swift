import Foundation
import GRDB
import Testing
@testable import Server
import Store

/// A non-streamed chat whose client hangs up stops and stores no turn (issue #15 item 7).
@Suite struct ChatDisconnectTests {
    func storedMessages(_ daemon: ChatDaemon, user: String) async throws -> Int {
        try await daemon.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages m JOIN conversations c ON m.conversation_id = c.id WHERE c.user_id = ?",
                             arguments: [user]) ?? 0
        }
    }

    @Test func nonStreamedChat_whenTheClientHangsUp_storesNoTurn() async throws {
        let daemon = try await ChatFixture.daemon()
        // Its own user: the shared daemon's ana and bo are counted by other tests.
        try await daemon.store.saveUser(UserProfile(id: "leaver", units: .kg))
        let before = try await storedMessages(daemon, user: "leaver")
        let body = try JSONSerialization.data(withJSONObject: [
            "user": "leaver", "agent": "planner", "message": "Write me a long, detailed four-week plan with every session, exercise, set and rep.",
        ])
        let head = "POST /v1/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        try sendAndHangUp(socket: daemon.socket, head: head, body: body)
        // Long enough for the whole generation to finish had it gone on.
        try await Task.sleep(for: .seconds(20))
        #expect(try await storedMessages(daemon, user: "leaver") == before, "a turn nobody received was stored")
        // The daemon still answers, and a client that waits gets its turn stored.
        let waited = try await daemon.post("/v1/chat", ["user": "leaver", "message": "One tip for squats?", "max_tokens": 8])
        #expect(waited.status == 200, "\(waited.text)")
        #expect(try await storedMessages(daemon, user: "leaver") == before + 2)
    }
}
