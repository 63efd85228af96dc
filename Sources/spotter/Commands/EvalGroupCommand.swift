import ArgumentParser

/// `spotter eval`: the eval commands. `run` (the default: `spotter eval [SUITE...]` runs the
/// suites) and `promote` (rated chat turns → candidate cases). A group, because a command whose
/// own positional arguments are suite files would read `promote` as a suite.
struct EvalGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Prompt-regression evals: run the suites (default), or promote rated chat turns to candidate cases.",
        subcommands: [EvalCommand.self, EvalPromoteCommand.self],
        defaultSubcommand: EvalCommand.self)
}
