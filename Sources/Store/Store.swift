/// SQLite through GRDB: users, workouts, sets, check-ins, conversations, feedback, eval runs.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum StoreModule {}
