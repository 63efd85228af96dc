import Foundation
import Testing
@testable import Agents

/// agents.yaml safety on start-up and SIGHUP reload (issue #15 item 10).
@Suite struct ConfigSafetyTests {
    @Test(arguments: ["/etc/passwd", "../../../../etc/passwd", "prompts/../../outside.md"])
    func promptPath_outsideTheConfigDirectory_isRefused(path: String) throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "prompt: prompts/coach.md", with: "prompt: \(path)")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains("agents.coach.prompt") == true)
        #expect(error?.message.contains("outside the configuration directory") == true, "\(error?.message ?? "")")
    }

    @Test func promptPath_outside_isAllowedWhenExplicitlyEnabled() throws {
        let base = URL(fileURLWithPath: "/srv/spotter")
        let url = try ConfigSafety.promptURL("/etc/hostname", base: base, file: "agents.yaml", key: "k",
                                             environment: [ConfigSafety.allowOutsideVariable: "1"])
        #expect(url.path == "/etc/hostname")
        #expect(throws: AgentsError.self) { try ConfigSafety.promptURL("/etc/hostname", base: base, file: "agents.yaml", key: "k", environment: [:]) }
    }

    @Test func promptPath_throughASymlinkLeavingTheDirectory_isRefused() throws {
        let url = try copyConfiguration()
        let link = url.deletingLastPathComponent().appendingPathComponent("prompts/linked.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
        try edit(url, replacing: "prompt: prompts/coach.md", with: "prompt: prompts/linked.md")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("outside the configuration directory") == true)
    }

    @Test func aliasBomb_isRefusedBeforeParsing() throws {
        // Nine levels of ten aliases: 10^9 nodes if it were parsed.
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let error = #expect(throws: AgentsError.self) { _ = try ConfigSafety.loadYAML(yaml, file: "agents.yaml") }
        #expect(error?.message.contains("90 YAML aliases") == true, "\(error?.message ?? "")")
        // A few aliases are fine.
        #expect(try ConfigSafety.loadYAML("a: &a [1, 2]\nb: *a\n", file: "agents.yaml") != nil)
    }

    @Test func oversizedFile_isRefused() {
        let yaml = "a: \"" + String(repeating: "x", count: ConfigSafety.maxYAMLBytes) + "\"\n"
        let error = #expect(throws: AgentsError.self) { _ = try ConfigSafety.loadYAML(yaml, file: "agents.yaml") }
        #expect(error?.message.contains("at most") == true)
    }

    @Test func duplicateKey_errorNamesTheKeyAndLine_withoutTheFilesText() throws {
        let url = try copyConfiguration()
        let secret = "a-line-that-must-not-reach-the-log-4711"
        var text = try String(contentsOf: url, encoding: .utf8)
        text = "# \(secret)\n" + text + "\nrouter:\n  threshold: 0.5\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        let message = error?.message ?? ""
        #expect(message.contains("duplicate key"), "\(message)")
        #expect(message.contains("'router'"), "\(message)")
        #expect(message.contains("line"), "\(message)")
        #expect(!message.contains(secret), "the error printed the file: \(message)")
        #expect(message.count < 300, "\(message)")
    }
}
