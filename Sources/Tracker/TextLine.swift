/// One line of text read from an image, with the reader's confidence in it (0...1).
public struct TextLine: Sendable, Equatable {
    public var text: String
    public var confidence: Double

    public init(_ text: String, confidence: Double = 1) {
        self.text = text
        self.confidence = confidence
    }
}
