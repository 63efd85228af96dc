extension ModelServerPool {
    /// The pool in Prometheus text format (0.0.4), one series per server labelled
    /// `server="host:port"` (never a URL path, user, password or key):
    ///
    /// - `spotter_llm_server_up` (gauge): 1 while the server takes requests, 0 while it is out;
    /// - `spotter_llm_server_state{state="healthy|out|trial"}` (gauge, one-hot): `trial` is out
    ///   with one trial request running;
    /// - `spotter_llm_server_in_flight` (gauge): attempts running on it now;
    /// - `spotter_llm_server_requests_total` / `spotter_llm_server_failures_total` (counters):
    ///   finished attempts, and those that failed (connection error, 5xx, timeout, broken stream);
    /// - `spotter_llm_server_retry_in_seconds` (gauge): until its next trial (0 when healthy or due).
    public func prometheusText() -> String {
        let servers = snapshot
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ value: (Snapshot) -> String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in servers { out += "\(name){server=\"\(Self.escape(s.server.label))\"} \(value(s))\n" }
        }
        family("spotter_llm_server_up", "gauge", "1 while the model server takes requests, 0 while it is out") {
            $0.state == .healthy ? "1" : "0"
        }
        out += "# HELP spotter_llm_server_state the model server's state (healthy, out, or out with a trial request running)\n"
        out += "# TYPE spotter_llm_server_state gauge\n"
        for s in servers {
            for state in [State.healthy, .out, .trial] {
                out += "spotter_llm_server_state{server=\"\(Self.escape(s.server.label))\",state=\"\(state.rawValue)\"} \(s.state == state ? 1 : 0)\n"
            }
        }
        family("spotter_llm_server_in_flight", "gauge", "attempts running on the model server") { "\($0.inFlight)" }
        family("spotter_llm_server_requests_total", "counter", "finished attempts on the model server") { "\($0.requests)" }
        family("spotter_llm_server_failures_total", "counter",
               "attempts on the model server that failed (connection error, 5xx, timeout, broken stream)") { "\($0.failures)" }
        family("spotter_llm_server_retry_in_seconds", "gauge", "seconds until the out model server gets a trial request") {
            let d = $0.retryIn ?? .zero
            return "\(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)"
        }
        return out
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
