import Foundation

/// A per-process file that model readers, which take a path (they memory-map), read the input
/// from. It lives in `/dev/shm` when there is one (no disk writes per execution).
enum ScratchFile {
    static let path: String = {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(directory)/spotter-fuzz-\(getpid()).bin"
    }()

    /// Replaces the file's contents with `bytes` and returns its path.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let data = bytes.isEmpty ? Data() : Data(bytes: bytes.baseAddress!, count: bytes.count)
        guard FileManager.default.createFile(atPath: path, contents: data) else { fatalError("cannot write \(path)") }
        return path
    }
}
