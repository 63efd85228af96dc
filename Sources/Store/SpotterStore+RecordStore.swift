/// The SQLite store is the embedded `RecordStore`.
extension SpotterStore: RecordStore {
    /// The database file, or `:memory:`.
    public var location: String { path ?? ":memory:" }

    public var engine: String { "sqlite" }

    /// Returns at once: the data directory's lock keeps every other daemon off this file, so no
    /// one else appends knowledge changes.
    public func watchKnowledgeChanges(_ onChange: @escaping @Sendable () -> Void) async throws {}
}
