import Foundation
import Logging
import PostgresNIO
import Store

/// Transactions and the translation of PostgreSQL's errors into `StoreError`.
extension PostgresStore {
    /// Runs `body` in one read-write transaction on one pooled connection: `BEGIN`, the body,
    /// `COMMIT` (returns only once committed), or `ROLLBACK` when the body throws.
    func write<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN", body)
    }

    /// Runs `body` in one read-only snapshot (`REPEATABLE READ`), so several queries see one state.
    func read<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` on a pooled connection outside a transaction block: one round trip where
    /// `read` and `write` take three (`BEGIN`, the statement, `COMMIT`). For one statement that
    /// reads (PostgreSQL runs it in a snapshot of its own), or that ends its own transaction
    /// (`spotter_write_workout` with `commit`); never for two statements that must agree, nor for
    /// a write that relies on the implicit commit (its result can arrive before the commit).
    func autocommit<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { conn in try await body(conn) }
        } catch {
            throw translate(error)
        }
    }

    private func transaction<Result: Sendable>(_ begin: PostgresQuery,
                                               _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { conn in
                try await conn.query(begin, logger: logger)
                let value: Result
                do {
                    value = try await body(conn)
                } catch {
                    // A connection that cannot roll back (its query was cancelled, the server
                    // went away) must not return to the pool inside a transaction: close it.
                    do { try await conn.query("ROLLBACK", logger: logger) } catch { try? await conn.close() }
                    throw error
                }
                do {
                    try await conn.query("COMMIT", logger: logger)
                } catch {
                    try? await conn.close()
                    throw error
                }
                return value
            }
        } catch {
            throw translate(error)
        }
    }

    /// `StoreError`s and cancellation pass through; a unique violation is a `.conflict`, a
    /// missing referenced row (the user was deleted meanwhile) `.notFound`, anything else
    /// `.database` with PostgreSQL's message (never the statement's values).
    func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: return error
        case is CancellationError: return error
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "error \(state)"
                switch state {
                case "23505": return StoreError(.conflict, "the write conflicts with stored data: \(message)")
                case "23503": return StoreError(.notFound, "a referenced record does not exist (was it just deleted?): \(message)")
                case "57014": return CancellationError()
                default: return StoreError(.database, "PostgreSQL at \(location) refused a statement: \(message) (SQLSTATE \(state))")
                }
            }
            return StoreError(.database, "cannot reach PostgreSQL at \(location): \(error.code)")
        default:
            return StoreError(.database, "PostgreSQL at \(location): \(String(describing: error).prefix(300))")
        }
    }
}

extension PostgresRowSequence {
    /// The first row decoded as `Column`, or nil when there is none.
    func first<Column: PostgresDecodable>(_ type: Column.Type) async throws -> Column? {
        for try await value in decode(Column.self) { return value }
        return nil
    }

    /// Whether the query returned any row.
    func any() async throws -> Bool {
        for try await _ in self { return true }
        return false
    }
}
