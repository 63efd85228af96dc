/// The SQLite store is the embedded `RecordStore`.
extension SpotterStore: RecordStore {
    /// The database file, or `:memory:`.
    public var location: String { path ?? ":memory:" }
}
