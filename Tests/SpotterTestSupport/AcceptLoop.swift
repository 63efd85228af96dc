import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket served by one accept thread, for test servers.
///
/// The listening descriptor belongs to this object and is closed only after the accept thread
/// has returned: `stop()` raises the stop flag, shuts the socket down (waking a blocked
/// `accept`), waits for the thread, and only then closes the descriptor. A thread therefore never
/// holds a descriptor number across its `close` — if it did, the number could be reused by the
/// next test's `socket()` and the old thread would answer the new server's connections with the
/// old replies (issue #17). The loop also polls with a short timeout, so it notices the flag even
/// where `shutdown` does not wake `accept`.
public final class AcceptLoop: @unchecked Sendable {
    private let listener: Int32
    private let stopped = Atomic<Bool>(false)
    private let closed = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts accepting on `listener` (already bound and listening). `onConnection` receives each
    /// accepted descriptor and owns it: it must close it (it may hand it to a thread of its own).
    public init(listener: Int32, onConnection: @escaping @Sendable (Int32) -> Void) {
        self.listener = listener
        let thread = Thread { [self] in run(onConnection) }
        thread.start()
    }

    private func run(_ onConnection: @Sendable (Int32) -> Void) {
        defer { finished.signal() }
        while !stopped.load(ordering: .acquiring) {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 50)
            if stopped.load(ordering: .acquiring) { return }
            if ready <= 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            onConnection(client)
        }
    }

    /// Whether `stop()` has been called.
    public var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Stops accepting, waits for the accept thread to return, then closes the listener.
    /// Idempotent; connections already handed to `onConnection` are not affected.
    public func stop() {
        let first = closed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        stopped.store(true, ordering: .releasing)
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    /// A TCP socket listening on 127.0.0.1 on a free port.
    public static func loopbackListener(backlog: Int32 = 16) throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// A Unix-domain socket listening at `path` (which must not exist and fit in `sun_path`).
    public static func unixListener(path: String, backlog: Int32 = 16) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return fd
    }
}

/// Writes all of `data` to `fd` (no SIGPIPE); false when the peer has gone.
public func sendAll(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
