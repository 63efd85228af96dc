/// Image to tracker JSON: validation, embedded OCR, VLM adapter, workout-text parser.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum TrackerModule {}
