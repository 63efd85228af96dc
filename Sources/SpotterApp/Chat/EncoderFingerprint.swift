import Checksum
import Foundation

/// A cheap identity of the sentence encoder's files, for caches of its vectors
/// (`RouterEmbeddingCache`): a different model file or vocabulary gives a different fingerprint.
///
/// Hashing the whole 90 MB `model.safetensors` on every start would cost more than it saves, so
/// the fingerprint is the SHA-256 of the model's byte size, its first and last `sampleBytes`
/// (the safetensors header — tensor names, shapes, offsets — and the first and last weights) and
/// the whole `vocab.txt`. Replacing the model with another checkpoint changes at least one of them.
public enum EncoderFingerprint {
    /// Bytes hashed at each end of the model file.
    static let sampleBytes = 64 * 1024

    /// The fingerprint of the encoder in `directory` (`model.safetensors`, `vocab.txt`), prefixed
    /// with `name` (e.g. `all-MiniLM-L6-v2/384`). Throws when a file cannot be read.
    public static func of(directory: URL, name: String) throws -> String {
        var h = SHA256()
        h.update("encoder \(name)\n")
        let model = directory.appendingPathComponent("model.safetensors")
        let handle = try FileHandle(forReadingFrom: model)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        h.update("model.safetensors \(size) bytes\n")
        try handle.seek(toOffset: 0)
        h.update([UInt8](try handle.read(upToCount: sampleBytes) ?? Data()))
        try handle.seek(toOffset: size > UInt64(sampleBytes) ? size - UInt64(sampleBytes) : 0)
        h.update([UInt8](try handle.read(upToCount: sampleBytes) ?? Data()))
        let vocabulary = try Data(contentsOf: directory.appendingPathComponent("vocab.txt"))
        h.update("vocab.txt \(vocabulary.count) bytes\n")
        h.update([UInt8](vocabulary))
        return "\(name) sha256:\(h.finalizeHex())"
    }
}
