import Foundation
import Testing
@testable import HTTPClient

@Suite struct CurlHTTPClientTests {
    @Test func send_whenNothingListensOnTheSocket_failsWithConnectionFailed() async throws {
        let path = "/tmp/spt-nosock-\(UUID().uuidString.prefix(8)).sock"
        let request = HTTPRequest(url: "http://localhost/v1/health", unixSocket: path,
                                  connectTimeout: .seconds(2))
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await CurlHTTPClient().send(request)
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains(path) == true)
    }

    @Test func duration_milliseconds_convertsSecondsAndFractions() {
        #expect(Duration.seconds(2).milliseconds == 2000)
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
    }
}
