/// agents.yaml + prompts/, routing, context assembly, grounded answers.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum AgentsModule {}
