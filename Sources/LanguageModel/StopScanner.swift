import Foundation

/// Finds stop strings in streamed text. Text that might be the start of a stop string is held
/// back until it is known not to be; a found stop string and everything after it are dropped.
struct StopScanner {
    let stops: [String]
    private var pending = ""
    /// Whether a stop string was found.
    private(set) var matched = false

    init(stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }
    }

    /// Adds text; returns what can be emitted now, and whether a stop string was hit.
    mutating func push(_ text: String) -> (text: String, hit: Bool) {
        guard !stops.isEmpty else { return (text, false) }
        pending += text
        var earliest: Range<String.Index>?
        for stop in stops {
            if let r = pending.range(of: stop, options: .literal), earliest == nil || r.lowerBound < earliest!.lowerBound {
                earliest = r
            }
        }
        if let earliest {
            matched = true
            let out = String(pending[..<earliest.lowerBound])
            pending = ""
            return (out, true)
        }
        // Hold back the longest suffix that is a prefix of some stop string.
        var hold = 0
        let characters = Array(pending)
        for length in stride(from: min(characters.count, stops.map(\.count).max()! - 1), to: 0, by: -1) {
            let suffix = String(characters[(characters.count - length)...])
            if stops.contains(where: { $0.hasPrefix(suffix) }) { hold = length; break }
        }
        let out = String(characters[..<(characters.count - hold)])
        pending = String(characters[(characters.count - hold)...])
        return (out, false)
    }

    /// Ends the stream: returns held-back text plus `tail`.
    mutating func flush(_ tail: String) -> String {
        defer { pending = "" }
        return pending + tail
    }
}
