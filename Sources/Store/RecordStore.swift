import Foundation

/// The store of Spotter's shared records — users, workouts and their sets, check-ins,
/// conversations and messages, feedback, idempotency keys — behind intent-named methods.
///
/// Two implementations, chosen by `spotter serve --database`: `SpotterStore` (one SQLite file
/// through GRDB, the embedded default) and `PostgresStore` (PostgreSQL through postgres-nio, so
/// that several daemons share one database). Both give the same guarantees:
/// - a write returns only after its transaction has committed;
/// - a workout saved with an `idempotencyKey` is written once however many retries race, from
///   one daemon or several; the same key with another body is a `.conflict`;
/// - an import writes every session of the file or none;
/// - the schema comes from frozen, versioned migrations, applied by one process at a time.
///
/// Errors are `StoreError`; values crossing the API are `Sendable` structs.
public protocol RecordStore: Sendable {
    /// Where the records live, for logs and `/v1/health`: the SQLite file path, `:memory:`, or
    /// the PostgreSQL URL without any password.
    var location: String { get }
    /// The engine's name, for logs and `/v1/health`: `sqlite` or `postgresql`.
    var engine: String { get }

    // Users
    /// Creates or replaces a user's profile (keeps the original `createdAt`); returns it as stored.
    @discardableResult func saveUser(_ profile: UserProfile) async throws -> UserProfile
    /// The user's profile, or nil.
    func user(id: String) async throws -> UserProfile?
    /// Deletes the user and everything of theirs; false when there was no such user.
    @discardableResult func deleteUser(id: String) async throws -> Bool

    // Workouts
    /// Stores a session in one transaction; see `SpotterStore.saveWorkout(_:user:idempotencyKey:requestHash:)`.
    func saveWorkout(_ workout: NewWorkout, user: String, idempotencyKey: String?, requestHash: String) async throws -> SavedWorkout
    /// Stores the session `build` makes from a request in the user's weight unit (`POST
    /// /workouts`: weights converted to kilograms) and returns it with that unit; a
    /// `StoreError` not-found for an unknown user. The default reads the user, then saves;
    /// PostgreSQL writes in one round trip with the unit it last saw for the user, checked in the
    /// write itself (`PostgresStore`).
    func saveWorkout(user: String, idempotencyKey: String?, requestHash: String,
                     building build: (WeightUnit) throws -> NewWorkout) async throws -> (saved: SavedWorkout, units: WeightUnit)
    /// One page of the user's workouts, newest first; `before` is the previous page's cursor.
    func workouts(user: String, limit: Int, before: Int64?) async throws -> WorkoutPage
    /// The user's session and set counts.
    func workoutCounts(user: String) async throws -> (sessions: Int, sets: Int)
    /// Imports a Hevy or Strong CSV export in one transaction; see `SpotterStore.importWorkouts`.
    func importWorkouts(csv: String, format: ImportFormat, user: String, resolver: (any ExerciseNameResolving)?,
                        timeZone: TimeZone) async throws -> ImportReport
    /// Profile, newest sessions and check-ins in one consistent read; see `SpotterStore.userHistory`.
    func userHistory(user: String, maxSessions: Int, checkinLimit: Int, knownSessions: Set<Int64>) async throws -> StoredUserHistory?

    // Check-ins
    /// Records a daily check-in; a second one for the same day replaces the first.
    @discardableResult func saveCheckin(_ checkin: CheckIn, user: String) async throws -> CheckIn
    /// The user's check-ins, most recent day first (`limit` clamped to 1–1000).
    func recentCheckins(user: String, limit: Int) async throws -> [CheckIn]

    // Conversations and feedback
    /// Starts a conversation for `user`.
    func createConversation(user: String, id: String, title: String?) async throws -> Conversation
    /// The conversation if it exists and belongs to `user`.
    func conversation(id: String, user: String) async throws -> Conversation?
    /// The owner of conversation `id`, or nil when there is none.
    func conversationOwner(id: String) async throws -> String?
    /// Appends a message to a conversation of `user`.
    @discardableResult func appendMessage(conversation: String, user: String, role: ChatMessage.Role, content: String,
                                          agent: String?) async throws -> ChatMessage
    /// Stores one exchange (message and reply) atomically, creating the conversation if needed.
    @discardableResult func appendExchange(conversation id: String, user: String, message: String, reply: String,
                                           agent: String, at date: Date) async throws -> (message: Int64, reply: Int64)
    /// The last `limit` messages of a conversation of `user`, oldest first.
    func messages(conversation: String, user: String, limit: Int) async throws -> [ChatMessage]
    /// Records feedback on an answer; returns its id.
    @discardableResult func saveFeedback(_ feedback: Feedback) async throws -> Int64

    // The knowledge log (imports and removals of exercises, replayed by every daemon's index)
    /// Appends an operator change to the shared knowledge log and returns its sequence, only
    /// after the commit. Sequences increase in commit order, across daemons.
    func appendKnowledgeChange(kind: KnowledgeLogEntry.Kind, payload: String, at date: Date) async throws -> Int64
    /// The changes with a sequence above `sequence`, oldest first, at most `limit` (1–1000).
    func knowledgeChanges(after sequence: Int64, limit: Int) async throws -> [KnowledgeLogEntry]
    /// Calls `onChange` each time another daemon may have appended a knowledge change, until the
    /// task is cancelled (PostgreSQL: `LISTEN`). Returns at once when the engine has no such
    /// notifications (SQLite: one daemon per file); callers poll `knowledgeChanges` besides.
    func watchKnowledgeChanges(_ onChange: @escaping @Sendable () -> Void) async throws

    // Operations
    /// The number of applied migrations (for `/v1/health`).
    func schemaVersion() async throws -> Int
    /// Releases the connections (and, for SQLite, the data directory's lock). Called on shutdown.
    func close() async throws
}

/// The defaults of the protocol's methods (the same as `SpotterStore`'s).
extension RecordStore {
    public func saveWorkout(_ workout: NewWorkout, user: String, idempotencyKey: String? = nil) async throws -> SavedWorkout {
        try await saveWorkout(workout, user: user, idempotencyKey: idempotencyKey, requestHash: "")
    }

    public func saveWorkout(user: String, idempotencyKey: String?, requestHash: String,
                            building build: (WeightUnit) throws -> NewWorkout) async throws -> (saved: SavedWorkout, units: WeightUnit) {
        guard let profile = try await self.user(id: user) else { throw StoreError.userNotFound(user) }
        let saved = try await saveWorkout(try build(profile.units), user: user, idempotencyKey: idempotencyKey, requestHash: requestHash)
        return (saved, profile.units)
    }

    /// The user's newest workouts, newest first (`limit` clamped to 1–200).
    public func recentWorkouts(user: String, limit: Int = 20) async throws -> [StoredWorkout] {
        try await workouts(user: user, limit: limit, before: nil).workouts
    }

    public func importWorkouts(csv: String, format: ImportFormat, user: String,
                               resolver: (any ExerciseNameResolving)? = nil) async throws -> ImportReport {
        try await importWorkouts(csv: csv, format: format, user: user, resolver: resolver, timeZone: TimeZone(identifier: "UTC")!)
    }

    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int) async throws -> StoredUserHistory? {
        try await userHistory(user: user, maxSessions: maxSessions, checkinLimit: checkinLimit, knownSessions: [])
    }

    /// Appends a change stamped now; see `appendKnowledgeChange(kind:payload:at:)`.
    public func appendKnowledgeChange(kind: KnowledgeLogEntry.Kind, payload: String) async throws -> Int64 {
        try await appendKnowledgeChange(kind: kind, payload: payload, at: Date())
    }

    /// The check-in for the most recent day, or nil.
    public func latestCheckin(user: String) async throws -> CheckIn? {
        try await recentCheckins(user: user, limit: 1).first
    }

    public func recentCheckins(user: String) async throws -> [CheckIn] {
        try await recentCheckins(user: user, limit: 30)
    }

    /// Starts an untitled conversation with a new id.
    public func createConversation(user: String) async throws -> Conversation {
        try await createConversation(user: user, id: UUID().uuidString.lowercased(), title: nil)
    }

    @discardableResult
    public func appendMessage(conversation: String, user: String, role: ChatMessage.Role, content: String) async throws -> ChatMessage {
        try await appendMessage(conversation: conversation, user: user, role: role, content: content, agent: nil)
    }

    @discardableResult
    public func appendExchange(conversation id: String, user: String, message: String, reply: String,
                               agent: String) async throws -> (message: Int64, reply: Int64) {
        try await appendExchange(conversation: id, user: user, message: message, reply: reply, agent: agent, at: Date())
    }

    public func messages(conversation: String, user: String) async throws -> [ChatMessage] {
        try await messages(conversation: conversation, user: user, limit: 50)
    }
}
