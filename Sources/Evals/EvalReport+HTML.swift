import Foundation

extension EvalReport {
    /// A self-contained HTML page: inline CSS, no scripts, no network. Per-suite pass rates,
    /// regressions and other failures with the reply, the failed assertions and a word diff
    /// against the baseline reply, what changed since the baseline, and an inline SVG chart of
    /// the pass rate across the stored runs.
    public func html() -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Spotter evals \(Self.esc(run.id))</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}
        .bad{color:#b00020;font-weight:600}.ok{color:#1b7f2a;font-weight:600}
        .case{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
        .regression{border-color:#b00020;background:#fff5f5}
        pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em;border-radius:4px}
        del{background:#ffd7d5;text-decoration:line-through}ins{background:#d4f8d4;text-decoration:none}
        code{background:#f0f0f0;padding:0 3px}
        </style></head><body>
        <h1>Spotter eval run <code>\(Self.esc(run.id))</code></h1>
        <p>Model <b>\(Self.esc(run.model))</b> (\(Self.esc(run.backend))), started \(Self.esc(ISO8601DateFormatter().string(from: run.startedAt))),
        baseline <code>\(Self.esc(baselineID ?? "none"))</code>. Result:
        \(exitStatus == 0 ? "<span class=\"ok\">OK</span>" : "<span class=\"bad\">FAILED</span>")
        — \(regressions.count) regression(s), \(failures.count) failing case(s), \(fixed.count) fixed.</p>
        <h2>Pass rate per suite</h2>
        <table><tr><th>suite</th><th>passed</th><th>total</th><th>rate</th><th>minimum</th></tr>

        """
        for s in suites {
            h += "<tr><td>\(Self.esc(s.suite))</td><td>\(s.passed)</td><td>\(s.total)</td>"
            h += "<td class=\"\(s.belowThreshold ? "bad" : "ok")\">\(String(format: "%.0f%%", s.passRate * 100))</td>"
            h += "<td>\(String(format: "%.0f%%", s.minPassRate * 100))</td></tr>\n"
        }
        h += "</table>\n<h2>Pass rate across runs</h2>\n" + chartSVG() + "\n"
        if !changes.isEmpty || modelChange != nil {
            h += "<h2>Changed since the baseline</h2>\n<ul>\n"
            if let m = modelChange { h += "<li>\(Self.esc(m))</li>\n" }
            for c in changes { h += "<li><code>\(Self.esc(c.path))</code> \(Self.esc(c.summary.dropFirst(c.path.count).trimmingCharacters(in: .whitespaces)))</li>\n" }
            h += "</ul>\n"
        }
        if !regressions.isEmpty {
            h += "<h2 class=\"bad\">Regressions</h2>\n"
            for r in regressions { h += caseHTML(r.now, regression: true) }
        }
        let others = failures.filter { f in !regressions.contains { $0.key == f.key } }
        if !others.isEmpty {
            h += "<h2>Other failures</h2>\n"
            for f in others { h += caseHTML(f, regression: false) }
        }
        if !fixed.isEmpty { h += "<h2>Fixed since the baseline</h2>\n<p>\(fixed.map(Self.esc).joined(separator: ", "))</p>\n" }
        h += "</body></html>\n"
        return h
    }

    private func caseHTML(_ c: CaseResult, regression: Bool) -> String {
        var h = "<div class=\"case\(regression ? " regression" : "")\" id=\"\(Self.esc(c.key))\">\n"
        h += "<h3>\(regression ? "REGRESSION " : "")\(Self.esc(c.key))</h3>\n"
        h += "<p>Score \(String(format: "%.2f", c.score)) (threshold \(String(format: "%.2f", c.threshold))), agent \(Self.esc(c.agent ?? "-")), \(String(format: "%.0f", c.latencyMs)) ms</p>\n"
        if !c.message.isEmpty { h += "<p>Message: <i>\(Self.esc(c.message))</i></p>\n" }
        if let e = c.error { h += "<p class=\"bad\">Error: \(Self.esc(e))</p>\n" }
        if !c.failedAssertions.isEmpty {
            h += "<ul>\n"
            for a in c.failedAssertions {
                h += "<li class=\"bad\">line \(a.line): <code>\(Self.esc(a.label))</code> — \(Self.esc(a.detail))</li>\n"
            }
            h += "</ul>\n"
        }
        h += "<p>Reply:</p><pre>\(Self.esc(c.reply))</pre>\n"
        if let before = baselineReplies[c.key] {
            h += "<p>Diff against the baseline reply (<del>removed</del>, <ins>added</ins>):</p><pre>"
            for piece in LineDiff.words(before, c.reply) {
                switch piece {
                case .same(let s): h += Self.esc(s) + " "
                case .removed(let s): h += "<del>\(Self.esc(s))</del> "
                case .added(let s): h += "<ins>\(Self.esc(s))</ins> "
                }
            }
            h += "</pre>\n"
        }
        return h + "</div>\n"
    }

    /// An inline SVG line chart of pass rate (0–100 %) per stored run, oldest on the left.
    func chartSVG() -> String {
        let w = 720.0, ht = 200.0, left = 40.0, bottom = 24.0, top = 10.0
        let points = history
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(ht))\" role=\"img\" aria-label=\"pass rate across runs\">\n"
        for pct in [0, 50, 100] {
            let y = top + (ht - top - bottom) * (1 - Double(pct) / 100)
            s += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(w - 10)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            s += "<text x=\"4\" y=\"\(y + 4)\" font-size=\"11\">\(pct)%</text>\n"
        }
        guard !points.isEmpty else { return s + "</svg>" }
        let step = points.count > 1 ? (w - 10 - left) / Double(points.count - 1) : 0
        let coords = points.enumerated().map { i, p in
            (left + Double(i) * step, top + (ht - top - bottom) * (1 - p.passRate), p)
        }
        s += "<polyline fill=\"none\" stroke=\"#3367d6\" stroke-width=\"2\" points=\"\(coords.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " "))\"/>\n"
        for (x, y, p) in coords {
            s += "<circle cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", y))\" r=\"4\" fill=\"\(p.passed ? "#1b7f2a" : "#b00020")\"><title>\(Self.esc(p.id)) \(String(format: "%.0f%%", p.passRate * 100))</title></circle>\n"
        }
        s += "<text x=\"\(left)\" y=\"\(ht - 6)\" font-size=\"11\">\(points.count) run(s), oldest left</text>\n"
        return s + "</svg>"
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
