#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Prepares the Unix socket path before the server binds, and cleans up after it stops.
///
/// - A missing socket directory is created `0700` (`0710` when the socket mode grants the group
///   access, so group members can traverse it). An existing directory is never changed (placing
///   the socket in a shared directory must not change that directory for everyone), but it is
///   refused when another user could replace the socket in it: writable by group or others
///   without the sticky bit, or owned by a user other than us or root.
/// - An exclusive `flock` is held on `<socket>.lock` for the daemon's lifetime: a second daemon
///   on the same path is refused ("another spotter daemon is running"), even though the socket
///   layer itself would silently take the path over.
/// - A socket file left by a crashed daemon (lock free, nobody answering) is removed; if
///   something still answers on it, start-up is refused. Anything at the path that is not a
///   socket (a file, a directory, a symbolic link) is refused and left alone, and on shutdown
///   only the socket this daemon bound is removed.
/// - After binding, `applyMode()` sets the socket's permission bits. `spotter serve` runs under
///   umask 077, so the socket is created owner-only and only ever widens to the configured mode.
final class SocketBinding: Sendable {
    let path: String
    let mode: mode_t
    private let lockFD: Int32
    /// Device and inode of the socket this daemon bound (set by `applyMode()`).
    private let bound = Mutex<(dev: UInt64, ino: UInt64)?>(nil)

    init(path: String, mode: mode_t) throws {
        self.path = path
        self.mode = mode
        guard path.utf8.count <= 107 else {
            throw ServerError("socket path \(path) is \(path.utf8.count) bytes; Unix socket paths are limited to 107 bytes: pass a shorter --socket")
        }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let dirMode: mode_t = (mode & 0o070) != 0 ? 0o710 : 0o700
        var st = stat()
        if stat(directory, &st) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(dirMode)])
            } catch {
                throw ServerError("cannot create the socket directory \(directory): \(error.localizedDescription)")
            }
            _ = chmod(directory, dirMode)  // ours: we just made it
        } else {
            try Self.checkExistingDirectory(directory, st)
        }
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ServerError("cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ServerError("another spotter daemon is running on \(path) (it holds \(lockPath)); stop it first or pass a different --socket")
        }
        self.lockFD = fd
        var existing = stat()
        if lstat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFSOCK else {
                close(fd)
                throw ServerError("\(path) exists and is not a socket; refusing to replace it: remove it yourself or pass a different --socket")
            }
            if Self.answers(path) {
                close(fd)
                throw ServerError("another process is listening on \(path); stop it first or pass a different --socket")
            }
            unlink(path)  // stale: left by a daemon that died
        }
    }

    /// Sets the socket file's permission bits. Called once the socket is bound.
    func applyMode() throws {
        guard chmod(path, mode) == 0 else {
            throw ServerError("cannot set mode \(String(mode, radix: 8)) on \(path): \(String(cString: strerror(errno)))")
        }
        var st = stat()
        if lstat(path, &st) == 0 { bound.withLock { $0 = (UInt64(st.st_dev), UInt64(st.st_ino)) } }
    }

    /// Removes the socket file and releases the lock. Called after the server stopped.
    func release() {
        var st = stat()
        if let mine = bound.withLock({ $0 }), lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFSOCK,
           UInt64(st.st_dev) == mine.dev, UInt64(st.st_ino) == mine.ino {
            unlink(path)
        }
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    /// Refuses an existing socket directory another user could use to replace the socket.
    static func checkExistingDirectory(_ directory: String, _ st: stat) throws {
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw ServerError("the socket directory \(directory) exists and is not a directory; pass a different --socket")
        }
        let sticky = st.st_mode & S_ISVTX != 0
        if st.st_mode & 0o022 != 0, !sticky {
            throw ServerError("the socket directory \(directory) is writable by other users (mode \(String(st.st_mode & 0o7777, radix: 8))) without the sticky bit, so they could replace the socket; use a private directory (e.g. $XDG_RUNTIME_DIR) or fix its mode")
        }
        if st.st_uid != getuid(), st.st_uid != 0 {
            throw ServerError("the socket directory \(directory) belongs to user \(st.st_uid), not to us (\(getuid())) or root; use a directory of our own")
        }
    }

    /// Whether something accepts connections on the socket at `path`.
    static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}

/// Why the daemon could not start or serve: bad configuration, socket in use, ...
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
