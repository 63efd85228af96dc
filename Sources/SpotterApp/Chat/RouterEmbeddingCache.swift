import Checksum
import Foundation
import Knowledge

/// The sentence embeddings of the router's labelled utterances, kept in the daemon's data
/// directory (`<data>/router-embeddings.bin`) so that a restart does not re-embed the ~900
/// training messages (about 12 s of MiniLM in a debug build) before chat is ready.
///
/// Like the knowledge index, the file is used only when its inputs are unchanged: it is keyed by
/// a SHA-256 of the format version, the encoder's identity (`EncoderFingerprint`: model name,
/// dimension, model file size and sampled bytes, vocabulary) and every (label, utterance) pair
/// in training order. A missing, stale, truncated or otherwise corrupt file is never an error:
/// the vectors are recomputed with the encoder and the file is rewritten atomically (a temporary
/// file beside it, then `rename`), so a crash mid-write leaves the old file or none, never half.
///
/// ```swift
/// let cache = RouterEmbeddingCache(url: data.appendingPathComponent("router-embeddings.bin"),
///                                  encoderIdentity: try EncoderFingerprint.of(directory: encoderDirectory))
/// let (vectors, report) = try cache.vectors(for: texts, labels: labels, embedder: encoder)
/// ```
///
/// The file format (all integers little-endian; version 1):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic, ASCII `SPTRTEMB` |
/// | 8 | 4 | format version, UInt32 (1) |
/// | 12 | 64 | key: SHA-256 of the inputs as lower-case hex ASCII (see `key(texts:labels:dimension:)`) |
/// | 76 | 4 | dimension `d`, UInt32 |
/// | 80 | 4 | count `n`, UInt32 |
/// | 84 | 4·n·d | the vectors, row-major `(n, d)`, IEEE-754 binary32 bit patterns exactly as the encoder returned them |
/// | 84 + 4·n·d | 8 | FNV-1a 64 checksum of every byte before it, UInt64 |
///
/// A file whose length, magic, version, shape or checksum disagree is corrupt; one whose key
/// differs is stale. Either is rebuilt.
public struct RouterEmbeddingCache: Sendable {
    /// What `vectors(for:labels:embedder:)` did, for the start-up log.
    public struct Report: Sendable, Equatable {
        /// True when the vectors came from the file; false when the encoder computed them.
        public var loaded: Bool
        /// Why they were recomputed (`no cache file`, `inputs changed`, `corrupt: ...`); nil when loaded.
        public var rebuildReason: String?
        /// Why the rebuilt file could not be written (start-up goes on without it); nil otherwise.
        public var saveError: String?
    }

    public static let fileName = "router-embeddings.bin"
    static let magic = Array("SPTRTEMB".utf8)
    static let version: UInt32 = 1

    /// Where the file lives (normally `<data>/router-embeddings.bin`).
    public let url: URL
    /// The encoder's identity; a different one makes the file stale.
    public let encoderIdentity: String

    public init(url: URL, encoderIdentity: String) {
        self.url = url
        self.encoderIdentity = encoderIdentity
    }

    /// The embeddings of `texts` (`labels[i]` is the agent of `texts[i]`), from the file when it
    /// holds exactly these inputs, else computed by `embedder` and saved. Throws only when the
    /// embedder fails.
    public func vectors(for texts: [String], labels: [String], embedder: any TextEmbedder) throws -> (vectors: [[Float]], report: Report) {
        precondition(texts.count == labels.count, "one label per text")
        let key = Self.key(texts: texts, labels: labels, dimension: embedder.dimension, encoderIdentity: encoderIdentity)
        let reason: String
        switch read(key: key, count: texts.count, dimension: embedder.dimension) {
        case .success(let vectors):
            return (vectors, Report(loaded: true, rebuildReason: nil, saveError: nil))
        case .failure(let problem):
            reason = problem.description
        }
        let vectors = try embedder.embed(texts)
        var report = Report(loaded: false, rebuildReason: reason, saveError: nil)
        do {
            try write(vectors, key: key, dimension: embedder.dimension)
        } catch {
            report.saveError = "\(error)"
        }
        return (vectors, report)
    }

    /// The SHA-256 (hex) of what the vectors depend on, plus the labels: format version, encoder
    /// identity, dimension, count, then each pair as `label`, `text`, each preceded by its UTF-8
    /// byte count, so no two different inputs share a byte stream.
    static func key(texts: [String], labels: [String], dimension: Int, encoderIdentity: String) -> String {
        var h = SHA256()
        h.update("spotter router embeddings v\(version)\n")
        for field in [encoderIdentity, "\(dimension)", "\(texts.count)"] + zip(labels, texts).flatMap({ [$0, $1] }) {
            h.update("\(field.utf8.count):")
            h.update(field)
        }
        return h.finalizeHex()
    }
}
