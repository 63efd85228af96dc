import Foundation

extension EvalReport {
    /// A plain-text summary for the terminal: per-suite table, regressions, failures, changes.
    public func consoleText() -> String {
        var out: [String] = []
        out.append("eval run \(run.id)  model \(run.model) (\(run.backend))  baseline \(baselineID ?? "none")")
        let width = max(5, suites.map(\.suite.count).max() ?? 5)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        out.append("\(pad("suite", width))  passed  total   rate   min")
        for s in suites {
            let flag = s.belowThreshold ? "  BELOW MIN" : ""
            out.append("\(pad(s.suite, width))  \(lpad(String(s.passed), 6))  \(lpad(String(s.total), 5))  \(lpad(String(format: "%.0f%%", s.passRate * 100), 5))  \(lpad(String(format: "%.0f%%", s.minPassRate * 100), 4))\(flag)")
        }
        let checked = run.results.compactMap(\.checkKinds)
        if !checked.isEmpty {
            let kinds = Dictionary(grouping: checked.flatMap { $0 }, by: { $0 }).mapValues(\.count)
            let listed = kinds.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            out.append("")
            out.append("answer checker: \(kinds.values.reduce(0, +)) changes over \(checked.count) chat replies"
                       + (listed.isEmpty ? "" : " (" + listed.joined(separator: ", ") + ")")
                       + "; each was made before the text reached the client")
        }
        if !regressions.isEmpty {
            out.append("")
            out.append("REGRESSIONS (passed in \(baselineID ?? "-"), fail now):")
            for r in regressions {
                out.append("  \(r.key): " + (r.now.error ?? r.now.failedAssertions.map { "\($0.label) — \($0.detail)" }.joined(separator: "; ")))
            }
        }
        let others = failures.filter { f in !regressions.contains { $0.key == f.key } }
        if !others.isEmpty {
            out.append("")
            out.append("failures:")
            for f in others {
                out.append("  \(f.key): " + (f.error ?? f.failedAssertions.map { "\($0.label) — \($0.detail)" }.joined(separator: "; ")))
            }
        }
        if !fixed.isEmpty { out.append(""); out.append("fixed since baseline: \(fixed.joined(separator: ", "))") }
        if !changes.isEmpty || modelChange != nil {
            out.append("")
            out.append("changed since baseline:")
            if let m = modelChange { out.append("  \(m)") }
            for c in changes { out.append("  \(c.summary)") }
        }
        out.append("")
        out.append(exitStatus == 0 ? "result: OK" : "result: FAILED (\(regressions.count) regressions)")
        return out.joined(separator: "\n") + "\n"
    }
}
