import Foundation

/// A case-insensitive regular expression over a line that can cut out what it matched, so the
/// parser can read quantities first and keep what is left as the exercise name.
struct TextPattern: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
    private let regex: NSRegularExpression

    init(_ pattern: String) {
        // Patterns are literals in this module: a bad one is a programming error caught by tests.
        regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// Capture groups of the first match (index 0 = whole match; `nil` = group did not take part).
    func firstMatch(in text: String) -> [String?]? {
        allMatches(in: text).first?.groups
    }

    func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    func allMatches(in text: String) -> [(range: NSRange, groups: [String?])] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (m.range, (0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            })
        }
    }

    /// Finds the first match in `work`, blanks it out (same length, so later ranges stay valid)
    /// and returns its groups.
    func take(from work: inout String) -> [String?]? {
        guard let m = allMatches(in: work).first else { return nil }
        work = (work as NSString).replacingCharacters(in: m.range, with: String(repeating: " ", count: m.range.length))
        return m.groups
    }

    /// Like ``take(from:)`` for every match.
    func takeAll(from work: inout String) -> [[String?]] {
        let found = allMatches(in: work)
        for m in found {
            work = (work as NSString).replacingCharacters(in: m.range, with: String(repeating: " ", count: m.range.length))
        }
        return found.map(\.groups)
    }

    func replacingAll(in text: String, with template: String) -> String {
        let ns = text as NSString
        return regex.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: ns.length), withTemplate: template)
    }
}
