/// Why an eval run could not happen, or what was wrong with a suite file.
///
/// Suite errors carry the file and line (`evals/coach.yaml:14: ...`) so the author can jump
/// straight to the problem. Every error maps to exit status 2 in ``EvalCommandRunner``.
public struct EvalError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A suite file is missing, is not YAML, or does not follow the suite format.
        case badSuite
        /// The daemon cannot be reached or could not be started.
        case daemonUnreachable
        /// The history database or a report file cannot be read or written.
        case storage
        /// A command-line option is invalid (unknown baseline, bad flag value).
        case usage
    }

    public let kind: Kind
    public let message: String
    /// The suite file, when the error is about one.
    public let file: String?
    /// 1-based line in `file`, when known.
    public let line: Int?

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
