import ServiceLifecycle
import ServiceLifecycleTestKit
import SpotterTestSupport
import Testing
@testable import SpotterApp

/// `ServiceShutdown`, the one way the daemon's services wait for their end, returns on graceful
/// shutdown or cancellation — also one that happened before the wait began.
@Suite struct ServiceShutdownTests {
    @Test func wait_whenTheTaskIsAlreadyCancelled_returns() async {
        for round in 0..<200 {
            let returned = await finishes(within: 10) {
                withUnsafeCurrentTask { $0?.cancel() }
                await ServiceShutdown.wait()
            }
            #expect(returned, "round \(round): the wait missed a cancellation that came before it")
            if !returned { return }
        }
    }

    @Test func wait_whenCancelledAroundTheStartOfTheWait_returns() async {
        for round in 0..<200 {
            let returned = await finishes(within: 10) {
                let waiter = Task { await ServiceShutdown.wait() }
                if round % 2 == 0 { await Task.yield() }
                waiter.cancel()
                await waiter.value
            }
            #expect(returned, "round \(round)")
            if !returned { return }
        }
    }

    @Test func wait_whenGracefulShutdownCameFirst_returns() async {
        let returned = await finishes(within: 10) {
            await testGracefulShutdown { trigger in
                trigger.triggerGracefulShutdown()
                await ServiceShutdown.wait()
            }
        }
        #expect(returned)
    }

    @Test func wait_whenGracefulShutdownComesLater_returns_andNotBefore() async {
        let returned = await finishes(within: 10) {
            await testGracefulShutdown { trigger in
                let waiter = Task { await ServiceShutdown.wait() }
                try? await Task.sleep(for: .milliseconds(50))
                trigger.triggerGracefulShutdown()
                await waiter.value
            }
        }
        #expect(returned)
    }

    @Test func cancellingOnShutdown_cancelsTheOperationAtShutdown_andWaitsForIt() async {
        let sawCancellation = Counter()
        let finished = await finishes(within: 10) {
            await testGracefulShutdown { trigger in
                let service = Task {
                    await ServiceShutdown.cancellingOnShutdown {
                        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                        sawCancellation.increment()
                    }
                }
                trigger.triggerGracefulShutdown()
                await service.value
            }
        }
        #expect(finished)
        #expect(sawCancellation.value == 1, "cancellingOnShutdown returned before its operation did")
    }

    @Test func cancellingOnShutdown_returnsWhenTheOperationReturns() async {
        let ran = Counter()
        let finished = await finishes(within: 10) {
            await ServiceShutdown.cancellingOnShutdown { ran.increment() }
        }
        #expect(finished)
        #expect(ran.value == 1)
    }
}
