import Agents
import Hummingbird
import NIOCore
import SpotterApp
import Wire

/// `GET /metrics`: Prometheus text exposition format (version 0.0.4) of the daemon's registry:
/// `spotter_http_requests_total{route,method,status}`,
/// `spotter_http_request_duration_seconds{route}` (histogram), `spotter_http_requests_in_flight`;
/// with the embedded model, its prompt cache: `spotter_prompt_cache_pinned_bytes`,
/// `spotter_prompt_cache_working_bytes`, `spotter_prompt_cache_budget_bytes` and
/// `spotter_prompt_cache_prefix_tokens{agent}` (gauges, read at scrape time);
/// with the coaching models, the log as feedback over the users whose overload calibration is
/// cached: `spotter_overload_suggestion_outcomes{outcome}` (accepted, changed_up, changed_down,
/// failed), `spotter_overload_acceptance_rate` and `spotter_overload_calibrated_users` (gauges);
/// with the openai backend, each model server of its pool (`ModelServerPool.prometheusText()`):
/// `spotter_llm_server_up|state|in_flight|requests_total|failures_total|retry_in_seconds{server}`.
struct MetricsRoutes: RouteGroup {
    let metrics: ServerMetrics
    var chat: ChatService? = nil
    var coaching: CoachingService? = nil

    func register(on router: Router<SpotterRequestContext>) {
        let metrics = self.metrics
        let chat = self.chat
        let coaching = self.coaching
        router.get("/metrics") { _, _ in
            var bytes: [UInt8] = []
            metrics.registry.emit(into: &bytes)
            if let cache = chat?.promptCacheSnapshot { bytes += Array(Self.render(cache).utf8) }
            if let pool = chat?.modelServerPool { bytes += Array(pool.prometheusText().utf8) }
            if let coaching { bytes += Array(Self.render(coaching.calibrations.totals()).utf8) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    static func render(_ c: PromptCacheSnapshot) -> String {
        var out = ""
        for (name, help, value) in [("pinned_bytes", "KV bytes held by the agents' pinned prompt prefixes", c.pinnedBytes),
                                    ("working_bytes", "KV bytes cached in the working slots", c.workingBytes),
                                    ("budget_bytes", "budget for pinned prompt prefixes", c.budgetBytes)] {
            out += "# HELP spotter_prompt_cache_\(name) \(help)\n# TYPE spotter_prompt_cache_\(name) gauge\nspotter_prompt_cache_\(name) \(value)\n"
        }
        out += "# HELP spotter_prompt_cache_prefix_tokens tokens of each agent's pinned prompt prefix\n# TYPE spotter_prompt_cache_prefix_tokens gauge\n"
        for (agent, tokens) in c.prefixTokens.sorted(by: { $0.key < $1.key }) {
            out += "spotter_prompt_cache_prefix_tokens{agent=\"\(agent)\"} \(tokens)\n"
        }
        return out
    }

    static func render(_ totals: (users: Int, tally: OverloadWire.Tally)) -> String {
        let t = totals.tally
        var out = "# HELP spotter_overload_suggestion_outcomes what lifters did with the overload suggestions replayed over their logs\n"
        out += "# TYPE spotter_overload_suggestion_outcomes gauge\n"
        for (outcome, n) in [("accepted", t.accepted), ("changed_up", t.changedUp), ("changed_down", t.changedDown), ("failed", t.failed)] {
            out += "spotter_overload_suggestion_outcomes{outcome=\"\(outcome)\"} \(n)\n"
        }
        out += "# HELP spotter_overload_acceptance_rate share of replayed overload suggestions the lifters followed\n"
        out += "# TYPE spotter_overload_acceptance_rate gauge\nspotter_overload_acceptance_rate \(t.rate)\n"
        out += "# HELP spotter_overload_calibrated_users users whose overload calibration is cached\n"
        out += "# TYPE spotter_overload_calibrated_users gauge\nspotter_overload_calibrated_users \(totals.users)\n"
        return out
    }
}
