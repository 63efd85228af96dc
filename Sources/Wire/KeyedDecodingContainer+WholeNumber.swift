import Foundation

extension KeyedDecodingContainer {
    /// An optional whole number (`reps`, `age`, `soreness`). JSON numbers like `1.5` or `1e30`
    /// throw a type mismatch naming this field, which the server answers with 422 naming it;
    /// Foundation's own `Int` decoding reports such numbers as "not valid JSON" without a path.
    public func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard value.isFinite, value.rounded() == value, abs(value) < 1e15 else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: codingPath + [key], debugDescription: "\(value) is not a whole number"))
        }
        return Int(value)
    }
}
