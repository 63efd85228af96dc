// The spotter CLI: `serve` (the daemon) and the client commands. Placeholder until the
// foundation lands.
print("spotter")
