import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a data directory, so that two daemons (on different sockets) never
/// write one database. The lock is `flock(2)` on `spotter.lock` in the directory, which also
/// holds the owner's process id for the message; the kernel drops it when the process dies
/// (even by SIGKILL), so a crash never leaves a stale lock behind.
///
/// File format: `spotter.lock` holds the owning process id in decimal and a newline; only the
/// lock itself matters, the content is for people and messages.
public final class DataDirectoryLock: Sendable {
    public static let fileName = "spotter.lock"
    private let descriptor: Mutex<Int32?>

    /// Takes the lock or throws `StoreError(.database)` naming the process that holds it.
    public init(directory: URL) throws(StoreError) {
        let path = directory.appendingPathComponent(Self.fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(.database, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let owner = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw StoreError(.database, "the data directory \(directory.path) is in use by another daemon\(owner.isEmpty ? "" : " (pid \(owner))"); stop it, or give this one its own --data")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = Mutex(fd)
    }

    /// Releases the lock (idempotent).
    public func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            _ = flock(open, LOCK_UN)
            close(open)
            fd = nil
        }
    }

    deinit { release() }
}
