@testable import TextEmbedding

/// The safetensors reader (`SafeTensorsFile`): the header length, the JSON header, every entry's
/// dtype, shape and byte range; then each F32 tensor copied out as the encoder does.
enum SafeTensorsHarness {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let file = try? SafeTensorsFile(path: ScratchFile.write(bytes)) else { return }
        for (name, entry) in file.entries where entry.dtype == "F32" {
            _ = try? file.floats(name, shape: entry.shape)
        }
    }
}
