import Foundation
import PostgresNIO

/// The one statement of a workout write: a call of the `spotter_write_workout` procedure
/// (migration v3; its body is the write described in `PostgresStore+WorkoutRows.swift`), as a
/// prepared statement: each pooled connection parses it once, then every write sends only its
/// bound values. With `commit`, called outside a transaction block, the procedure also commits
/// (or, when another request holds the key, rolls back) before it answers: one round trip for
/// the write and its confirmation. Without, it writes inside the caller's transaction (imports).
/// The SQL is a constant; every value is a parameter.
struct WriteWorkoutStatement: PostgresPreparedStatement {
    static let sql = "CALL spotter_write_workout($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, NULL, NULL, NULL, NULL, NULL)"
    /// Declared, so that a NULL title, end, notes or key plans the same as a value.
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .float8, .float8, .text, .text, .float8, .text, .text, .text, .text, .text, .bool]
    typealias Row = (Bool, String?, Int64?, Double?, Bool)

    var user: String
    var title: String?
    var startedAt: Double
    var endedAt: Double?
    var notes: String?
    var source: String
    var now: Double
    var exercisesJSON: String
    var setsJSON: String
    var key: String?
    var requestHash: String
    /// The weight unit the request was converted from (nil: any); the user's other unit writes nothing.
    var units: String?
    /// End the transaction in the procedure (a write on its own), or leave it to the caller.
    var commit: Bool

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 13)
        bindings.append(user)
        bindings.append(title)
        bindings.append(startedAt)
        bindings.append(endedAt)
        bindings.append(notes)
        bindings.append(source)
        bindings.append(now)
        bindings.append(exercisesJSON)
        bindings.append(setsJSON)
        bindings.append(key)
        bindings.append(requestHash)
        bindings.append(units)
        bindings.append(commit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
