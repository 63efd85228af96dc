import Foundation
import GRDB
import PostgresStore
import SpotterTestSupport
import Testing
@testable import Store

/// The two implementations of `RecordStore`; store tests take one as their argument
/// (`@Test(arguments: Engine.allCases)`) so that every behaviour is checked on both.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store: SQLite in memory, or a new database on the throwaway PostgreSQL
    /// cluster (started once per test process by `ThrowawayPostgres`).
    func openStore() async throws -> any RecordStore {
        switch self {
        case .sqlite:
            return try SpotterStore(writer: DatabaseQueue())
        case .postgres:
            return try await PostgresStore.open(postgresConfiguration(url: try ThrowawayPostgres.createDatabase(prefix: "store")))
        }
    }

    func postgresConfiguration(url: String) throws -> PostgresStore.Configuration {
        var configuration = try PostgresStore.Configuration(url: url)
        configuration.maximumConnections = 4
        return configuration
    }
}

/// Values read under the store's API with SQL (checks on what is really stored): the first
/// column of each row as text, NULL as nil. SQLite through GRDB, PostgreSQL through psql.
func storedText(_ store: any RecordStore, _ sql: String) async throws -> [String?] {
    if let sqlite = store as? SpotterStore {
        return try await sqlite.writer.read { db in
            try Row.fetchAll(db, sql: sql).map { row -> String? in
                let value: DatabaseValue = row[0]
                switch value.storage {
                case .null: return nil
                case .int64(let i): return String(i)
                case .double(let d): return String(d)
                case .string(let s): return s
                case .blob: return "<blob>"
                }
            }
        }
    }
    let database = URLComponents(string: store.location)?.path.split(separator: "/").first.map(String.init) ?? ""
    let output = try ThrowawayPostgres.psql(database: database, sql)
    return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.isEmpty ? nil : String($0) }
}
