import Checksum
import Foundation

/// The SHA-256 of every file that shapes the daemon's answers: `agents.yaml`, each file under
/// `prompts/` and each file under `knowledge/`, read from the configuration directory (the
/// repository root, or the daemon's config directory). Keys are paths relative to that
/// directory (`prompts/coach.txt`). Two runs whose fingerprints differ name what changed.
public struct ConfigFingerprint: Sendable, Equatable, Codable {
    public var hashes: [String: String]

    public init(hashes: [String: String]) { self.hashes = hashes }

    /// Hashes the files under `directory`; missing folders contribute nothing.
    public static func scan(directory: String) -> ConfigFingerprint {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var out: [String: String] = [:]
        func add(_ rel: String) {
            if let data = fm.contents(atPath: root.appendingPathComponent(rel).path) { out[rel] = SHA256.hex(data) }
        }
        add("agents.yaml")
        for folder in ["prompts", "knowledge"] {
            guard let walker = fm.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let rel as String in walker {
                var isDir: ObjCBool = false
                let full = root.appendingPathComponent(folder).appendingPathComponent(rel).path
                if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                   !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    add("\(folder)/\(rel)")
                }
            }
        }
        return ConfigFingerprint(hashes: out)
    }

    /// What differs from `older`: one line per changed, added or removed file, with short hashes.
    public func changes(since older: ConfigFingerprint) -> [FileChange] {
        let keys = Set(hashes.keys).union(older.hashes.keys).sorted()
        return keys.compactMap { k in
            let before = older.hashes[k]
            let after = hashes[k]
            return before == after ? nil : FileChange(path: k, before: before, after: after)
        }
    }
}

/// One file whose hash differs between two runs.
public struct FileChange: Sendable, Equatable, Codable {
    public var path: String
    /// `nil` when the file was added.
    public var before: String?
    /// `nil` when the file was removed.
    public var after: String?

    public var summary: String {
        switch (before, after) {
        case (nil, let a?): "\(path) added (\(a.prefix(12)))"
        case (let b?, nil): "\(path) removed (was \(b.prefix(12)))"
        case (let b?, let a?): "\(path) changed \(b.prefix(12)) → \(a.prefix(12))"
        default: path
        }
    }
}
