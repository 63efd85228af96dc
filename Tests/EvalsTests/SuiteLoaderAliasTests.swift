import Foundation
import Testing
@testable import Evals

/// Aliases in suite files (checked with the parser fuzzer's `eval-suite` harness: a 629-byte alias
/// bomb kept `SuiteLoader.parse` busy for good).
@Suite struct SuiteLoaderAliasTests {
    /// `defaults.user.profile` holding lists that repeat the previous list ten times by alias.
    private func bomb(levels: Int) -> String {
        var lines = ["      a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<levels {
            lines.append("      a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return "defaults:\n  user:\n    profile:\n" + lines.joined(separator: "\n") + "\ncases:\n  - id: a\n    message: hi\n    assert: [{type: routed-to, value: coach}]\n"
    }

    @Test func parse_aliasBomb_failsNamingTheAliases() {
        #expect {
            try SuiteLoader().parse(bomb(levels: 9), file: "evals/bomb.yaml")
        } throws: { error in
            guard let error = error as? EvalError, error.kind == .badSuite else { return false }
            return error.file == "evals/bomb.yaml" && error.message.contains("aliases")
        }
    }

    @Test func parse_aFewAliases_areResolved() throws {
        let suite = try SuiteLoader().parse("""
            cases:
              - id: a
                user: {profile: &lifter {age: 30, units: kg}}
                message: hi
                assert: [{type: routed-to, value: coach}]
              - id: b
                user: {profile: *lifter}
                message: hello
                assert: [{type: routed-to, value: coach}]
            """, file: "evals/aliases.yaml")
        #expect(suite.cases.count == 2)
        #expect(suite.cases[0].user.profile != nil)
        #expect(suite.cases[1].user.profile == suite.cases[0].user.profile)
    }
}
