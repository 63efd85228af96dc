/// Bounds on an uploaded image, checked from its header before any decoding.
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted body, in bytes (413 beyond).
    public var maxBytes: Int
    /// Largest accepted width × height (413 beyond): decoding allocates ~4 bytes per pixel.
    public var maxPixels: Int

    /// 20 MB and 40 MP: a modern phone photo fits; a decompression bomb does not.
    public init(maxBytes: Int = 20_000_000, maxPixels: Int = 40_000_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
    }
}
