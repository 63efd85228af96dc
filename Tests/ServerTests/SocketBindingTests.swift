import Foundation
import Testing
import SpotterTestSupport
@testable import Server
#if canImport(Glibc)
import Glibc
#endif

/// `--socket` must never damage what it finds (issue #15 item 2): an existing directory keeps its
/// mode, and nothing but a stale socket is ever removed.
@Suite struct SocketBindingTests {
    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func existingDirectory_keepsItsMode() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o755)
        let binding = try SocketBinding(path: dir + "/s.sock", mode: 0o600)
        defer { binding.release() }
        #expect(try mode(dir) == 0o755, "an existing directory is not chmod-ed")
    }

    @Test func stickySharedDirectory_isAccepted_andLeftAlone() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o1777)  // like /tmp
        let binding = try SocketBinding(path: dir + "/s.sock", mode: 0o600)
        binding.release()
        #expect(try mode(dir) == 0o1777)
    }

    @Test func worldWritableDirectoryWithoutStickyBit_isRefused() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o777)
        let error = #expect(throws: ServerError.self) { _ = try SocketBinding(path: dir + "/s.sock", mode: 0o600) }
        #expect(error?.message.contains("writable by other users") == true)
        #expect(try mode(dir) == 0o777)
    }

    @Test func missingDirectory_isCreatedOwnerOnly() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binding = try SocketBinding(path: dir + "/run/s.sock", mode: 0o600)
        defer { binding.release() }
        #expect(try mode(dir + "/run") == 0o700)
    }

    @Test func regularFileAtTheSocketPath_isRefused_andKept() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/spotter.sqlite"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ServerError.self) { _ = try SocketBinding(path: path, mode: 0o600) }
        #expect(error?.message.contains("is not a socket") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("precious".utf8))
    }

    @Test func release_removesOnlyTheSocketItBound() throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sock"
        let binding = try SocketBinding(path: path, mode: 0o600)
        // Never bound (applyMode not called): a file someone put there since must survive.
        try Data("other".utf8).write(to: URL(fileURLWithPath: path))
        binding.release()
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
