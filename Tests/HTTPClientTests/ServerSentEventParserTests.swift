import Foundation
import Testing
@testable import HTTPClient

@Suite struct ServerSentEventParserTests {
    @Test func parser_whenChunksSplitLinesAnywhere_yieldsWholeEvents() {
        let stream = "event: meta\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: line one\ndata: line two\r\n\r\ndata: [DONE]\n\n"
        let bytes = Array(stream.utf8)
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        // Feed three bytes at a time: every boundary lands mid-line somewhere.
        for start in stride(from: 0, to: bytes.count, by: 3) {
            events += parser.feed(Data(bytes[start..<min(start + 3, bytes.count)]))
        }
        #expect(events == [
            ServerSentEvent(event: "meta", data: "{\"a\":1}"),
            ServerSentEvent(data: "line one\nline two"),
            ServerSentEvent(data: "[DONE]"),
        ])
    }

    @Test func parser_whenEventIsUnterminated_holdsItBack() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Data("data: partial\n".utf8)).isEmpty)
        #expect(parser.feed(Data("\n".utf8)) == [ServerSentEvent(data: "partial")])
    }
}
