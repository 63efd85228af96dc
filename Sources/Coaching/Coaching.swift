/// Grounding models: history features, overload rules, recommenders, next-workout LSTM.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum CoachingModule {}
