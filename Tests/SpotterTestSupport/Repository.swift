import Foundation

/// The repository root: the nearest directory above this file holding `Package.swift`. Tests
/// find `agents.yaml`, `knowledge/`, `models/` and `evals/` from it, never by absolute path.
public func repositoryRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    fatalError("no Package.swift above \(file)")
}

/// `../shared/data/<path>` beside the repository (free-exercise-db, the Hevy and Strong exports).
public func sharedData(_ path: String) -> URL {
    repositoryRoot().appendingPathComponent("../shared/data").appendingPathComponent(path).standardizedFileURL
}

/// A short private directory `/tmp/<prefix>-XXXXXX` (mode 0700), for sockets: Unix socket paths
/// are limited to 107 bytes. The caller removes it.
public func makeShortTemporaryDirectory(prefix: String = "spt") throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
        throw NSError(domain: "SpotterTestSupport", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "mkdtemp failed: \(String(cString: strerror(errno)))"])
    }
    return String(cString: made)
}
