/// Prompt regression evals: suites, assertions, runner, baselines, reports.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum EvalsModule {}
