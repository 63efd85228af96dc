import Foundation

/// One server-sent event (`text/event-stream`): `event:` name (default "message") and `data:`.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String
    public var data: String

    public init(event: String = "message", data: String) {
        self.event = event
        self.data = data
    }
}

/// Incremental parser for a `text/event-stream` body: feed it chunks as they arrive (they may
/// split lines or UTF-8 sequences anywhere) and it returns the events completed so far.
public struct ServerSentEventParser: Sendable {
    private var buffer = Data()
    private var event = "message"
    private var dataLines: [String] = []

    public init() {}

    public mutating func feed(_ chunk: Data) -> [ServerSentEvent] {
        buffer.append(chunk)
        var events: [ServerSentEvent] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var lineData = buffer[buffer.startIndex..<newline]
            if lineData.last == UInt8(ascii: "\r") { lineData = lineData.dropLast() }
            let line = String(decoding: lineData, as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.isEmpty {
                if !dataLines.isEmpty {
                    events.append(ServerSentEvent(event: event, data: dataLines.joined(separator: "\n")))
                }
                event = "message"
                dataLines = []
            } else if line.hasPrefix(":") {
                continue  // comment / keep-alive
            } else {
                let (field, value) = Self.split(line)
                switch field {
                case "event": event = value
                case "data": dataLines.append(value)
                default: break
                }
            }
        }
        return events
    }

    private static func split(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        var value = line[line.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        return (String(line[..<colon]), String(value))
    }
}
