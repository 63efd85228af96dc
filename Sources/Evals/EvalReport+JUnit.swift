import Foundation

extension EvalReport {
    /// JUnit XML: one `<testsuite>` per suite, one `<testcase>` per case (classname = suite),
    /// `<failure>` with the failed assertions and the reply; regressions are marked in the message.
    public func junitXML() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failuresTotal = failures.count
        x += "<testsuites name=\"spotter-evals\" tests=\"\(run.casePassed.count)\" failures=\"\(failuresTotal)\">\n"
        let rep = run.representative
        for s in suites {
            let cases = rep.values.filter { $0.suite == s.suite }.sorted { $0.caseID < $1.caseID }
            let time = cases.reduce(0) { $0 + $1.latencyMs } / 1000
            x += "  <testsuite name=\"\(Self.xml(s.suite))\" tests=\"\(s.total)\" failures=\"\(s.total - s.passed)\" time=\"\(String(format: "%.3f", time))\">\n"
            for c in cases {
                x += "    <testcase classname=\"\(Self.xml(s.suite))\" name=\"\(Self.xml(c.caseID))\" time=\"\(String(format: "%.3f", c.latencyMs / 1000))\""
                if run.casePassed[c.key] == true { x += "/>\n"; continue }
                let regressed = regressions.contains { $0.key == c.key }
                let summary = c.error ?? c.failedAssertions.map(\.label).joined(separator: "; ")
                let body = (c.error.map { ["error: \($0)"] } ?? c.failedAssertions.map { "line \($0.line): \($0.label) — \($0.detail)" })
                    + ["reply:", c.reply]
                x += ">\n      <failure message=\"\(Self.xml((regressed ? "REGRESSION: " : "") + summary))\" type=\"\(regressed ? "regression" : "failure")\">\(Self.xml(body.joined(separator: "\n")))</failure>\n    </testcase>\n"
            }
            x += "  </testsuite>\n"
        }
        x += "</testsuites>\n"
        return x
    }

    /// Escapes text for XML attributes and content; drops characters XML 1.0 forbids.
    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// The report as JSON (the whole ``EvalReport``, dates ISO 8601, keys sorted).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(self)
    }
}
