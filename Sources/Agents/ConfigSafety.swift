import Foundation
import Yams

/// Limits for reading operator configuration (`agents.yaml`, its prompt and few-shot files) that
/// keep a mistaken or hostile file from hurting the daemon when it starts or reloads on SIGHUP:
///
/// - **Size:** a YAML file is at most `maxYAMLBytes` (1 MiB).
/// - **Aliases:** at most `maxAliases` (10) alias references (`*name`), so an alias bomb (each
///   list repeating the previous one by alias) cannot grow memory exponentially while parsing:
///   with k aliases the expansion is bounded by 3^(k/3) copies (about 22 for 10), whereas 90
///   aliases in nine levels of ten already make 10⁹ nodes. This file needs none.
/// - **Prompt paths** must resolve (after `..` and symbolic links) inside the configuration's
///   directory, so a reload cannot read `/etc/shadow` into a prompt; set the environment variable
///   `SPOTTER_ALLOW_PROMPTS_OUTSIDE_CONFIG=1` to allow other places explicitly.
/// - **Errors** name the problem, the line and the column, never the file's contents (a
///   duplicate-key error used to print the whole file into the log).
enum ConfigSafety {
    static let maxYAMLBytes = 1 << 20
    static let maxAliases = 10
    static let allowOutsideVariable = "SPOTTER_ALLOW_PROMPTS_OUTSIDE_CONFIG"

    /// Parses YAML after the size and alias checks; throws `AgentsError(.invalidConfiguration)`.
    static func loadYAML(_ text: String, file: String) throws -> Any? {
        guard text.utf8.count <= maxYAMLBytes else {
            throw AgentsError(.invalidConfiguration, "\(file): is \(text.utf8.count) bytes; a configuration file may be at most \(maxYAMLBytes) bytes")
        }
        let aliases = aliasCount(text)
        guard aliases <= maxAliases else {
            throw AgentsError(.invalidConfiguration, "\(file): uses \(aliases) YAML aliases (*name); at most \(maxAliases) are allowed")
        }
        do {
            return try Yams.load(yaml: text)
        } catch {
            throw AgentsError(.invalidConfiguration, "\(file): not valid YAML: \(describe(error))")
        }
    }

    /// Alias references: `*` starting a value (after line start, spaces, `[`, `{`, `,`, `:` or `-`)
    /// followed by an anchor name. Quoted text can only over-count, which errs on the safe side.
    static func aliasCount(_ text: String) -> Int {
        var count = 0
        var previous: UInt8 = 10
        var atAlias = false
        for byte in text.utf8 {
            if atAlias {
                let isName = byte > 32 && byte != 44 && byte != 93 && byte != 125  // not space , ] }
                if isName { count += 1 }
                atAlias = false
            }
            if byte == 42, [10, 13, 32, 9, 91, 123, 44, 58, 45].contains(previous) { atAlias = true }  // '*'
            previous = byte
        }
        return count
    }

    /// A YAML error as a sentence with its position, without the file's text.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? YamlError else { return "the file could not be parsed" }
        switch error {
        case let .duplicatedKeysInMapping(duplicates, context):
            return "duplicate key(s) \(duplicates.sorted().map { "'\($0.prefix(60))'" }.joined(separator: ", ")) in the mapping at line \(context.mark.line), column \(context.mark.column)"
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case let .reader(problem, offset, _, _):
            return "\(problem)\(offset.map { " at byte \($0)" } ?? "")"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "the file could not be parsed"
        }
    }

    /// The file a prompt or few-shot path names, refused when it lies outside `base` (unless
    /// allowed by `SPOTTER_ALLOW_PROMPTS_OUTSIDE_CONFIG=1`).
    static func promptURL(_ path: String, base: URL, file: String, key: String,
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
        if environment[allowOutsideVariable] == "1" { return url }
        let root = base.standardizedFileURL.resolvingSymlinksInPath().path
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw AgentsError.config(file, key, "\(path) is outside the configuration directory \(root); keep prompts under it, or set \(allowOutsideVariable)=1 to allow this")
        }
        return url
    }
}
