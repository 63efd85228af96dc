/// Turns a stream of token bytes into text without splitting a character: bytes of an
/// unfinished UTF-8 sequence are held back until the rest arrives (a token may end in the
/// middle of a multi-byte character, e.g. an emoji spread over two tokens).
///
/// ```swift
/// var decoder = UTF8StreamDecoder()
/// decoder.append([0xF0, 0x9F])   // ""
/// decoder.append([0x92, 0xAA])   // "💪"
/// ```
public struct UTF8StreamDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Appends bytes and returns the text that is now complete. Malformed sequences become U+FFFD.
    public mutating func append(_ bytes: [UInt8]) -> String {
        pending.append(contentsOf: bytes)
        let keep = Self.incompleteSuffixLength(pending)
        let ready = pending.count - keep
        guard ready > 0 else { return "" }
        let text = String(decoding: pending[..<ready], as: UTF8.self)
        pending.removeFirst(ready)
        return text
    }

    /// Returns whatever is held back (as U+FFFD if it never completed) and resets.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return pending.isEmpty ? "" : String(decoding: pending, as: UTF8.self)
    }

    /// Length of a trailing lead byte plus continuation bytes that still lack bytes.
    static func incompleteSuffixLength(_ bytes: [UInt8]) -> Int {
        var back = 0
        var i = bytes.count - 1
        while i >= 0 && back < 4 {
            let b = bytes[i]
            back += 1
            if b & 0xC0 == 0x80 { i -= 1; continue }          // continuation byte: keep looking
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            return need > back && b >= 0xC0 && b < 0xF8 ? back : 0
        }
        return 0
    }
}
