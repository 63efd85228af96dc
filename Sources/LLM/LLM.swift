/// The ChatBackend protocol and its embedded and OpenAI-compatible implementations.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum LLMModule {}
