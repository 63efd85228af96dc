import Foundation
import Yams

/// The socket API's OpenAPI 3.1 document (`openapi.yaml` at the repository root), read once at
/// start-up and served as JSON at `GET /openapi.json`.
///
/// The daemon finds it the way it finds `agents.yaml` and `knowledge/`: a path relative to the
/// working directory (`spotter serve --openapi PATH`, default `openapi.yaml`), so `make run` from a
/// clone and the systemd unit (`WorkingDirectory=/opt/spotter`) both serve it.
///
/// ```swift
/// let document = try OpenAPIDocument(contentsOf: URL(fileURLWithPath: "openapi.yaml"))
/// document.operations   // [(method: "GET", path: "/v1/health"), ...]
/// ```
public struct OpenAPIDocument: Sendable {
    /// The document as JSON (what `/openapi.json` answers).
    public let json: Data
    /// Every (method, path template) the document describes, methods upper-case, paths as
    /// written (`/v1/users/{user}`).
    public let operations: Set<Operation>

    public struct Operation: Hashable, Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        public init(method: String, path: String) { self.method = method; self.path = path }
        public var description: String { "\(method) \(path)" }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// Reads and converts the YAML file; throws `ServerError` naming the file when it is missing
    /// or not an OpenAPI document.
    public init(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ServerError("cannot read the OpenAPI document \(url.path): \(error.localizedDescription); run from the repository or pass --openapi")
        }
        try self.init(yaml: text, file: url.path)
    }

    public init(yaml text: String, file: String = "openapi.yaml") throws {
        let tree: Any?
        do { tree = try Yams.load(yaml: text) } catch {
            throw ServerError("\(file) is not valid YAML: \(error)")
        }
        guard let root = tree as? [String: Any], let version = root["openapi"] as? String, version.hasPrefix("3."),
              let paths = root["paths"] as? [String: Any] else {
            throw ServerError("\(file) is not an OpenAPI 3 document (no `openapi: 3.x` and `paths`)")
        }
        var operations = Set<Operation>()
        for (path, item) in paths {
            for key in (item as? [String: Any] ?? [:]).keys where Self.methods.contains(key) {
                operations.insert(Operation(method: key.uppercased(), path: path))
            }
        }
        self.operations = operations
        guard JSONSerialization.isValidJSONObject(root) else {
            throw ServerError("\(file) holds values JSON cannot represent")
        }
        self.json = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// A router path (`/v1/users/:user`) in OpenAPI's spelling (`/v1/users/{user}`).
    public static func templatePath(_ routerPath: String) -> String {
        "/" + routerPath.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}
