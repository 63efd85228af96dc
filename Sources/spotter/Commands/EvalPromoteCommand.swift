import ArgumentParser
import Evals
import Foundation

/// `spotter eval promote`: turns rated chat turns (`POST /v1/feedback`) into candidate eval cases
/// in a review file — liked replies as `similar` references, poorly rated ones as regression cases
/// carrying the rating's comment (`FeedbackPromoter`). Reads the daemon's store read-only (safe
/// while it runs); never replaces an existing file without `--force`.
///
/// ```sh
/// spotter eval promote                                  # → evals/candidates/2026-11-30.yaml
/// spotter eval promote --data /var/lib/spotter --since 2026-11-01 --output review.yaml
/// ```
struct EvalPromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Turn rated chat turns (/v1/feedback) into candidate eval cases for review.")

    @Option(help: "The daemon's data directory holding spotter.sqlite (default: $XDG_DATA_HOME/spotter, else ./.spotter).")
    var data: String?

    @Option(help: "Directory whose evals/candidates/ receives the file (default: .).")
    var config: String = "."

    @Option(help: "Write the candidates here (default: <config>/evals/candidates/<today>.yaml).")
    var output: String?

    @Option(help: "Ratings at or above this (-1, 0, 1) become `similar` reference cases.")
    var goodAtLeast: Int = 1

    @Option(help: "Ratings at or below this (-1, 0, 1) become regression cases.")
    var poorAtMost: Int = -1

    @Option(help: "Minimum cosine for a liked reply's `similar` reference.")
    var similarThreshold: Double = 0.8

    @Option(help: "A regression case fails while the reply's cosine to the rated one is at or above this.")
    var regressionThreshold: Double = 0.9

    @Option(help: "Only feedback given on or after this day (YYYY-MM-DD, UTC).")
    var since: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        guard (-1...1).contains(goodAtLeast), (-1...1).contains(poorAtMost) else {
            throw ValidationError("--good-at-least and --poor-at-most are ratings: -1, 0 or 1")
        }
        guard poorAtMost < goodAtLeast else {
            throw ValidationError("--poor-at-most (\(poorAtMost)) must be below --good-at-least (\(goodAtLeast)), or a turn would be both")
        }
        guard (0...1).contains(similarThreshold), (0...1).contains(regressionThreshold) else {
            throw ValidationError("thresholds are cosines between 0 and 1")
        }
        if let since, Self.utcDay(since) == nil { throw ValidationError("--since \(since) is not a day YYYY-MM-DD") }
    }

    func run() throws {
        let outcome: Result<String, EvalError> = Result { () throws(EvalError) -> String in try promote(now: Date()) }
        switch outcome {
        case .success(let summary): print(summary)
        case .failure(let error):
            FileHandle.standardError.write(Data("spotter eval promote: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Reads, selects and writes; returns the line to print.
    func promote(now: Date) throws(EvalError) -> String {
        let dataDir = data ?? EvalSession.defaultDataDirectory()
        let turns = try RatedTurnReader(dataDirectory: dataDir).ratedTurns(since: since.flatMap(Self.utcDay))
        let promoter = FeedbackPromoter(goodAtLeast: goodAtLeast, poorAtMost: poorAtMost, similarThreshold: similarThreshold,
                                        regressionThreshold: regressionThreshold)
        guard let yaml = try promoter.suiteYAML(turns, date: now) else {
            return "no rated turns to promote (\(turns.count) rated, none at or above \(goodAtLeast) or at or below \(poorAtMost))"
        }
        let path = output ?? URL(fileURLWithPath: config).appendingPathComponent("evals/candidates/\(FeedbackPromoter.day(now)).yaml").path
        try FeedbackPromoter.write(yaml, to: path, force: force)
        let chosen = promoter.selected(turns)
        let liked = chosen.filter { $0.rating >= goodAtLeast }.count
        return "wrote \(chosen.count) candidate cases (\(FeedbackPromoter.counts(liked, of: chosen.count))) to \(path); "
            + "review them before moving them into a suite"
    }

    static func utcDay(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: text)
    }
}
