import ArgumentParser

/// The `spotter` command: the daemon (`serve`) and clients that talk to it over its socket.
///
/// To add a command, write an `AsyncParsableCommand` under `Commands/` and add it to
/// `subcommands` below: one line.
@main
struct Spotter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotter",
        abstract: "An AI coach for fitness apps, served over a Unix socket.",
        discussion: "Clients find the daemon's socket from --socket, then $SPOTTER_SOCKET, then $XDG_RUNTIME_DIR/spotter/spotter.sock, else ./.spotter/spotter.sock.",
        subcommands: [
            ServeCommand.self,
            HealthCommand.self,
            UserCommand.self,
            LogCommand.self,
            CheckinCommand.self,
            WorkoutsCommand.self,
            ImportCommand.self,
            SearchCommand.self,
            ImportExercisesCommand.self,
            KnowledgeAdminCommand.self,
            GenerateCommand.self,
            EvalGroupCommand.self,
            TrackCommand.self,
            BenchCommand.self,
            RecommendCommand.self,
            OverloadCommand.self,
            NextWorkoutCommand.self,
            TrainCommand.self,
            ChatCommand.self,
        ]
    )
}
