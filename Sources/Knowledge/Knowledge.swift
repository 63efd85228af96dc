/// The embedded knowledge base: loading knowledge/, imports, hybrid FTS5 + dense search.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum KnowledgeModule {}
