import Foundation
import GRDB
import Testing
@testable import Evals

/// `spotter eval promote`: rated turns read from the store's tables become candidate cases in
/// the suite format, which the suite loader reads back unchanged.
@Suite struct FeedbackPromotionTests {
    static let day0 = Date(timeIntervalSince1970: 1_764_460_800)   // 2025-11-30 00:00 UTC

    static func turn(_ id: Int64, rating: Int, comment: String? = nil, message: String = "Should I go up on bench?",
                     reply: String = "Yes: 62.5 kg for 3 sets of 8.", agent: String? = "insight") -> RatedTurn {
        RatedTurn(feedbackID: id, user: "ana", conversation: "c_\(id)", rating: rating, comment: comment, message: message,
                  reply: reply, agent: agent, ratedAt: day0, profile: .object(["units": .string("kg"), "injuries": .array([.string("knee")])]))
    }

    @Test func promote_likedAndPoorTurns_becomeSimilarReferencesAndRegressionCases() throws {
        let tricky = "Leg day: \"squats\"?\n- yes: #1, 100% [ok] {x} & no"
        let turns = [Self.turn(1, rating: 1), Self.turn(2, rating: -1, comment: "ignored my knee", message: tricky,
                                                          reply: "Do jump squats: 5 x 20.", agent: "planner"),
                     Self.turn(3, rating: 0)]
        let yaml = try #require(try FeedbackPromoter().suiteYAML(turns, date: Self.day0))
        let suite = try SuiteLoader().parse(yaml, file: "evals/candidates/2025-11-30.yaml")
        #expect(suite.name == "candidates-2025-11-30")
        #expect(suite.cases.map(\.id) == ["liked-f1", "regression-f2"])   // the neutral rating is left out

        let liked = suite.cases[0]
        #expect(liked.agent == "insight" && liked.request == .chat(message: "Should I go up on bench?"))
        #expect(liked.temperature == 0 && liked.seed == 42)
        #expect(liked.assertions == [Assertion(.similar, .string("Yes: 62.5 kg for 3 sets of 8."), threshold: 0.8,
                                               line: liked.assertions.first?.line ?? 0)])
        #expect(liked.user.profile == .object(["units": .string("kg"), "injuries": .array([.string("knee")])]))

        let regression = suite.cases[1]
        #expect(regression.agent == "planner" && regression.request == .chat(message: tricky))
        let guardAssertion = try #require(regression.assertions.first)
        #expect(guardAssertion.kind == .similar && guardAssertion.negate && guardAssertion.threshold == 0.9)
        #expect(guardAssertion.value == .string("Do jump squats: 5 x 20."))
        #expect(regression.description?.contains("\"ignored my knee\"") == true)
    }

    @Test func promote_thresholds_chooseWhichRatingsCount_andNothingToPromoteIsNil() throws {
        let turns = [Self.turn(1, rating: 0), Self.turn(2, rating: -1)]
        #expect(try FeedbackPromoter().suiteYAML([Self.turn(3, rating: 0)]) == nil)
        let lenient = FeedbackPromoter(goodAtLeast: 0, poorAtMost: -1, similarThreshold: 0.7)
        let suite = try SuiteLoader().parse(try #require(try lenient.suiteYAML(turns, date: Self.day0)), file: "c.yaml")
        #expect(suite.cases.map(\.id) == ["liked-f1", "regression-f2"])
        #expect(suite.cases[0].assertions.first?.threshold == 0.7)
    }

    @Test func write_existingFile_isRefusedWithoutForce_andReplacedWithIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("promote-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("evals/candidates/x.yaml").path
        try FeedbackPromoter.write("first", to: path, force: false)
        #expect(throws: EvalError.self) { try FeedbackPromoter.write("second", to: path, force: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try FeedbackPromoter.write("second", to: path, force: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
    }

    /// The Store's tables as its migration `v1` creates them (the columns the reader reads).
    static func storeTables() throws -> DatabaseQueue {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL, age INTEGER, sex TEXT, bodyweight_kg REAL,
                    units TEXT NOT NULL DEFAULT 'kg', experience TEXT, goal TEXT, days_per_week INTEGER,
                    equipment TEXT NOT NULL DEFAULT '[]', injuries TEXT NOT NULL DEFAULT '[]', preferences TEXT NOT NULL DEFAULT '{}',
                    created_at REAL NOT NULL, updated_at REAL NOT NULL);
                CREATE TABLE conversations (id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL, title TEXT, created_at REAL NOT NULL);
                CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, role TEXT NOT NULL,
                    content TEXT NOT NULL, agent TEXT, created_at REAL NOT NULL);
                CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, conversation_id TEXT,
                    message_id INTEGER, rating INTEGER NOT NULL, comment TEXT, created_at REAL NOT NULL);
                INSERT INTO users (id, age, bodyweight_kg, units, goal, equipment, injuries, created_at, updated_at)
                    VALUES ('bo', 40, 90.7184, 'lb', 'strength', '["barbell"]', '[]', 0, 0);
                INSERT INTO conversations VALUES ('c1', 'bo', NULL, 0);
                INSERT INTO messages (conversation_id, role, content, agent, created_at) VALUES
                    ('c1', 'user', 'first question', NULL, 10), ('c1', 'assistant', 'first answer', 'insight', 11),
                    ('c1', 'user', 'second question', NULL, 20), ('c1', 'assistant', 'second answer', 'coach', 21);
                INSERT INTO feedback (user_id, conversation_id, message_id, rating, comment, created_at) VALUES
                    ('bo', 'c1', 2, 1, NULL, 12),          -- names the first reply
                    ('bo', 'c1', 3, -1, 'too vague', 30),  -- names a user message: the reply after it
                    ('bo', 'c1', NULL, 1, NULL, 15),       -- no message: the last reply at rating time
                    ('bo', NULL, NULL, -1, 'lost', 40);    -- conversation deleted: skipped
                """)
        }
        return db
    }

    @Test func reader_findsTheRatedReplyAndItsMessage_andTheProfileInTheUsersUnits() throws {
        let turns = try RatedTurnReader(reader: try Self.storeTables()).ratedTurns()
        #expect(turns.map(\.feedbackID) == [1, 2, 3])
        #expect(turns.map(\.message) == ["first question", "second question", "first question"])
        #expect(turns.map(\.reply) == ["first answer", "second answer", "first answer"])
        #expect(turns.map(\.agent) == ["insight", "coach", "insight"])
        #expect(turns[1].comment == "too vague" && turns[1].rating == -1)
        #expect(turns[0].profile == .object(["units": .string("lb"), "age": .number(40), "bodyweight": .number(200),
                                             "goal": .string("strength"), "equipment": .array([.string("barbell")]), "injuries": .array([])]))
        #expect(try RatedTurnReader(reader: try Self.storeTables()).ratedTurns(since: Date(timeIntervalSince1970: 20)).map(\.feedbackID) == [2])
    }

    @Test func reader_notAStore_isAClearStorageError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nostore-\(UUID().uuidString)").path
        #expect(throws: EvalError.self) { _ = try RatedTurnReader(dataDirectory: dir) }
        #expect(throws: EvalError.self) { _ = try RatedTurnReader(reader: try DatabaseQueue()).ratedTurns() }
    }
}
