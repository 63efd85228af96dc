import Foundation
import Synchronization
import Testing
@testable import LLM

@Suite struct ModelServerPoolTests {
    @Test func backoff_doublesPerFailureInARowUpToTheMaximum() {
        let backoff = ModelServerBackoff(initial: .seconds(1), maximum: .seconds(60))
        #expect((1...8).map { backoff.delay(afterFailures: $0) }
                == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60)])
        #expect(backoff.delay(afterFailures: 500) == .seconds(60))
    }

    @Test func backoff_jitterKeepsTheWaitBetweenHalfAndAllOfTheDelay() {
        let backoff = ModelServerBackoff(initial: .seconds(4), maximum: .seconds(60))
        #expect(backoff.jitteredDelay(afterFailures: 1, unit: 0) == .seconds(2))
        #expect(backoff.jitteredDelay(afterFailures: 1, unit: 0.5) == .seconds(3))
        #expect(backoff.jitteredDelay(afterFailures: 2, unit: 0.999) <= .seconds(8))
    }

    @Test func lease_withEqualLoad_goesRoundRobin() {
        let pool = ModelServerPool(baseURLs: ["http://a:1/v1", "http://b:2/v1", "http://c:3/v1"])
        var order: [String] = []
        for _ in 0..<6 {
            let lease = pool.lease()!
            order.append(lease.server.label)
            pool.release(lease, .answered)
        }
        #expect(order == ["a:1", "b:2", "c:3", "a:1", "b:2", "c:3"])
    }

    @Test func lease_prefersTheServerWithFewestInFlight() {
        let pool = ModelServerPool(baseURLs: ["http://a:1/v1", "http://b:2/v1"])
        let first = pool.lease()!, second = pool.lease()!, third = pool.lease()!
        #expect([first, second, third].map(\.server.label) == ["a:1", "b:2", "a:1"])
        pool.release(first, .answered)
        pool.release(third, .answered)
        // a:1 now has none in flight, b:2 has one.
        #expect(pool.lease()?.server.label == "a:1")
    }

    @Test func failedServer_isOutUntilItsBackoffPassesThenGetsOneTrial() throws {
        let clock = ManualClock()
        let pool = ModelServerPool(baseURLs: ["http://a:1/v1", "http://b:2/v1"],
                                   backoff: ModelServerBackoff(initial: .seconds(1), maximum: .seconds(8)),
                                   now: { clock.now }, unitRandom: { 0.99 })
        let a = try #require(pool.lease())
        pool.release(a, .failed("cannot connect"))
        #expect(pool.snapshot[0].state == .out)
        #expect(pool.lease()?.server.label == "b:2")
        clock.advance(by: .seconds(1))
        let trial = try #require(pool.lease())
        #expect(trial.server.label == "a:1" && trial.isTrial)
        #expect(pool.snapshot[0].state == .trial)
        #expect(pool.lease()?.server.label == "b:2", "one trial at a time")
        pool.release(trial, .failed("cannot connect"))
        // Second failure in a row: out for up to 2 s.
        clock.advance(by: .seconds(1))
        #expect(pool.lease()?.server.label == "b:2")
        clock.advance(by: .seconds(1))
        let second = try #require(pool.lease())
        #expect(second.isTrial)
        pool.release(second, .answered)
        #expect(pool.snapshot[0].state == .healthy)
        #expect(pool.snapshot[0].consecutiveFailures == 0)
        #expect(pool.snapshot[0].failures == 2)
    }

    @Test func allOut_unavailableErrorNamesEachServerAndTheNextTry() throws {
        let clock = ManualClock()
        let pool = ModelServerPool(baseURLs: ["http://10.0.0.5:8000/v1", "http://10.0.0.6:8000/v1"],
                                   backoff: ModelServerBackoff(initial: .seconds(4), maximum: .seconds(60)),
                                   now: { clock.now }, unitRandom: { 0.99 })
        let a = try #require(pool.lease()), b = try #require(pool.lease())
        pool.release(a, .failed("connection refused"))
        pool.release(b, .failed("HTTP 503"))
        #expect(pool.lease() == nil)
        let error = pool.unavailableError()
        #expect(error.kind == .overloaded)
        #expect(error.message.contains("10.0.0.5:8000 is out after 1 failure(s)"))
        #expect(error.message.contains("10.0.0.6:8000"))
        #expect(error.message.contains("connection refused"))
        #expect(error.retryAfterSeconds == 4)
    }

    @Test func abandonedTrial_leavesTheServerDueForTheNextRequest() throws {
        let clock = ManualClock()
        let pool = ModelServerPool(baseURLs: ["http://a:1/v1"], backoff: ModelServerBackoff(initial: .seconds(1), maximum: .seconds(1)),
                                   now: { clock.now })
        pool.release(try #require(pool.lease()), .failed("boom"))
        clock.advance(by: .seconds(1))
        let trial = try #require(pool.lease())
        pool.release(trial, .abandoned)
        #expect(pool.lease()?.isTrial == true)
    }

    @Test func prometheusText_showsEachServersStateLoadAndCountsLabelledByHostAndPortOnly() throws {
        let pool = ModelServerPool(baseURLs: ["http://user:s3cret@10.0.0.5:8000/v1?key=k3y", "https://llm.example.com/v1"])
        let busy = try #require(pool.lease())
        let failing = try #require(pool.lease())
        pool.release(failing, .failed("HTTP 500"))
        let text = pool.prometheusText()
        #expect(text.contains("# TYPE spotter_llm_server_up gauge"))
        #expect(text.contains(#"spotter_llm_server_up{server="10.0.0.5:8000"} 1"#))
        #expect(text.contains(#"spotter_llm_server_up{server="llm.example.com:443"} 0"#))
        #expect(text.contains(#"spotter_llm_server_state{server="llm.example.com:443",state="out"} 1"#))
        #expect(text.contains(#"spotter_llm_server_state{server="10.0.0.5:8000",state="healthy"} 1"#))
        #expect(text.contains(#"spotter_llm_server_in_flight{server="10.0.0.5:8000"} 1"#))
        #expect(text.contains("# TYPE spotter_llm_server_requests_total counter"))
        #expect(text.contains(#"spotter_llm_server_requests_total{server="llm.example.com:443"} 1"#))
        #expect(text.contains(#"spotter_llm_server_failures_total{server="llm.example.com:443"} 1"#))
        #expect(text.contains(#"spotter_llm_server_failures_total{server="10.0.0.5:8000"} 0"#))
        #expect(text.contains("spotter_llm_server_retry_in_seconds{server=\"llm.example.com:443\"} 0."))
        #expect(!text.contains("s3cret") && !text.contains("user") && !text.contains("k3y"))
        pool.release(busy, .answered)
    }

    @Test func changes_reportEachMoveOutAndBackOnce() throws {
        let clock = ManualClock()
        let changes = Mutex<[String]>([])
        let pool = ModelServerPool(baseURLs: ["http://a:1/v1", "http://b:2/v1"], now: { clock.now },
                                   onChange: { change in changes.withLock { $0.append("\(change.server.label) \(change.state) \(change.reason ?? "")") } })
        let first = try #require(pool.lease()), second = try #require(pool.lease())
        #expect(first.server.label == "a:1" && second.server.label == "b:2")
        pool.release(first, .failed("HTTP 502"))
        pool.release(second, .answered)
        clock.advance(by: .seconds(1))
        let trial = try #require(pool.lease())
        pool.markAnswering(trial)  // the trial's response head arrived
        #expect(pool.snapshot[0].state == .healthy, "a server that answers takes requests while its trial still streams")
        pool.release(trial, .answered)
        #expect(changes.withLock { $0 } == ["a:1 out HTTP 502", "a:1 healthy "])
    }

    @Test func labels_onTheSameHostAndPortKeepTheirPaths() {
        let pool = ModelServerPool(baseURLs: ["http://gw:80/a/v1", "http://gw/b/v1"])
        #expect(pool.servers.map(\.label) == ["gw:80/a/v1", "gw:80/b/v1"])
    }
}
