import Foundation
import SpotterTestSupport
import Testing
@testable import Server
@testable import SpotterApp

/// The real `spotter` binary run as a child process (`spotter serve`), for signal and crash tests.
final class ChildDaemon: @unchecked Sendable {
    let process = Process()
    let socket: String
    let dataDirectory: String
    let logPath: String

    /// `spotter` sits beside the test bundle in the build directory (`.build/debug/`).
    static func binary() throws -> URL {
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            argv0.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            repositoryRoot().appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("spotter") }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "spotter binary not found beside the test bundle; run `swift build --build-tests` first")
    }

    /// - Parameter enabling: the optional capabilities this test needs (`knowledge`, `chat`,
    ///   `tracker`); the others are disabled so the daemon does not load models it won't use.
    init(socket: String, dataDirectory: String, extraArguments: [String] = [], enabling: Set<String> = []) throws {
        self.socket = socket
        self.dataDirectory = dataDirectory
        self.logPath = dataDirectory + ".log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.executableURL = try Self.binary()
        let disabled = ["knowledge", "chat", "tracker"].filter { !enabling.contains($0) }.flatMap { ["--disable", $0] }
        process.arguments = ["serve", "--socket", socket, "--data", dataDirectory, "--log-level", "warning"] + disabled + extraArguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var client: SocketClient { SocketClient(socket: socket) }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end and returns its exit status (or the signal that killed it).
    func waitForExit(timeout: Duration = .seconds(60)) async throws -> (reason: Process.TerminationReason, status: Int32) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw ServerError("the daemon did not exit within \(timeout); log: \(log)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (process.terminationReason, process.terminationStatus)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// A blocking Unix-socket connection for sending a request in pieces (a slow client).
final class RawSocket {
    let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { close(fd); throw ServerError("connect \(path) failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw ServerError("send failed: errno \(errno)") }
                offset += n
            }
        }
    }

    /// Reads until the peer closes the connection.
    func readToEnd() -> Data {
        var result = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }
}
