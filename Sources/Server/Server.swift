/// The Hummingbird 2 application bound to a Unix socket.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum ServerModule {}
