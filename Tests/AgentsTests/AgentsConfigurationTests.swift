import Foundation
import Testing
import LLM
@testable import Agents

@Suite struct AgentsConfigurationTests {
    @Test func repositoryConfiguration_loadsThreeAgentsWithTheirTemperaturesPromptsAndFewShots() throws {
        let config = try AgentsConfiguration.load(from: agentsYAML, profile: .full)
        #expect(config.agentNames == ["insight", "planner", "coach"])
        #expect(config.agents["insight"]?.temperature == 0.3)
        #expect(config.agents["planner"]?.temperature == 0.6)
        #expect(config.agents["coach"]?.temperature == 0.9)
        for agent in config.agents.values {
            #expect(agent.systemPrompt.count > 300, "\(agent.name) needs a real system prompt")
            #expect(agent.fewShot.count >= 4, "\(agent.name) needs at least four few-shot exchanges")
            // Few-shot answers teach grounded, specific numbers.
            #expect(agent.fewShot.contains { $0.assistant.contains("kg") }, "\(agent.name) few-shots should quote loads")
            #expect(agent.fewShot.contains { $0.user.contains("sleep") }, "\(agent.name) few-shots should show sleep data")
        }
        #expect(config.router.fallback == "coach")
        #expect(config.router.examples.values.allSatisfy { $0.count >= 10 })
        #expect(config.backend.kind == .embedded)
        #expect(config.backend.model.hasSuffix(".gguf"))
        #expect(config.agents.values.allSatisfy { $0.profile == .full && !$0.lead })
    }

    @Test func embeddedDefault_usesTheCompactProfile_shortPromptsOneOrTwoFewShotsAndALead() throws {
        let config = try AgentsConfiguration.load(from: agentsYAML)
        let full = try AgentsConfiguration.load(from: agentsYAML, profile: .full)
        #expect(config.backend.profile == .compact)
        for agent in config.agents.values {
            let fullAgent = try #require(full.agents[agent.name])
            #expect(agent.profile == .compact)
            #expect(agent.lead)
            #expect((1...2).contains(agent.fewShot.count), "\(agent.name): the compact profile keeps one or two few-shot turns")
            #expect(agent.systemPrompt.count < fullAgent.systemPrompt.count / 2)
            #expect(agent.contextTokens <= 300)
            #expect(agent.maxSentences != nil)
            #expect(agent.temperature == fullAgent.temperature, "a profile changes the prompt, not the agent")
            // The whole static prefix is a few hundred tokens (estimated: 3 bytes per token).
            let prefix = PromptAssembler(contextLength: 2048).staticPrefix(for: agent)
            #expect(TokenCounter.estimate.prompt(prefix) < 400, "\(agent.name) compact prefix")
        }
    }

    @Test func openAIBackend_defaultsToTheFullProfile_andLLMProfileOverridesIt() throws {
        let url = try copyConfiguration()
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "  backend: embedded              # embedded | openai",
                                         with: "  backend: openai\n  base_url: http://127.0.0.1:9/v1")
        text = text.replacingOccurrences(of: "  profile: compact ", with: "  # profile: compact ")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(try AgentsConfiguration.load(from: url).agents["coach"]?.profile == .full)
        try text.replacingOccurrences(of: "  # profile: compact ", with: "  profile: compact ").write(to: url, atomically: true, encoding: .utf8)
        #expect(try AgentsConfiguration.load(from: url).agents["coach"]?.profile == .compact)
        try text.replacingOccurrences(of: "  # profile: compact ", with: "  profile: tiny ").write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("llm.profile") == true)
    }

    @Test func missingPromptFile_failsNamingTheFileKeyAndPath() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "prompt: prompts/coach.md", with: "prompt: prompts/missing-coach.md")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains("agents.yaml: agents.coach.prompt:") == true)
        #expect(error?.message.contains("prompts/missing-coach.md does not exist") == true)
    }

    @Test func unknownKey_failsNamingTheKeyAndTheExpectedOnes() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "    temperature: 0.3", with: "    temprature: 0.3")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("agents.yaml: agents.insight.temprature: unknown key") == true)
        #expect(error?.message.contains("temperature") == true)
    }

    @Test func temperatureOutOfRange_failsNamingTheValueAndTheRange() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "temperature: 0.6", with: "temperature: 2.5")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message == "agents.yaml: agents.planner.temperature: 2.5 is out of range; use a number between 0.0 and 2.0")
    }

    @Test func routerFallbackThatIsNotAnAgent_failsNamingTheAgents() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "fallback: coach", with: "fallback: therapist")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("router.fallback: \"therapist\" is not an agent") == true)
    }

    @Test func fewShotEntryWithoutAnswer_failsNamingTheFewShotFileAndIndex() throws {
        let url = try copyConfiguration()
        let fewShot = url.deletingLastPathComponent().appendingPathComponent("prompts/coach.examples.yaml")
        try "- user: hello\n  assistant: hi\n- user: only a question\n".write(to: fewShot, atomically: true, encoding: .utf8)
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message == "prompts/coach.examples.yaml: [1].assistant: is missing")
    }

    @Test func openAIBackendWithoutBaseURL_failsSayingWhatToAdd() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai ")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("llm.base_url: is missing") == true)
    }

    @Test func openAIBackendSection_buildsABackendWithTheKeyFromTheNamedVariable() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai\n  base_url: http://127.0.0.1:9/v1\n  api_key_env: MY_KEY\n  timeout_seconds: 7\n  stream_usage: false\n ")
        let config = try AgentsConfiguration.load(from: url)
        let backend = try config.backend.makeOpenAIBackend(environment: ["MY_KEY": "secret"])
        #expect(backend.configuration.apiKey == "secret")
        #expect(backend.configuration.requestTimeout == .seconds(7))
        #expect(backend.configuration.requestStreamUsage == false)
        #expect(backend.configuration.completionsURL == "http://127.0.0.1:9/v1/chat/completions")
        #expect(backend.model == "models/SmolLM2-135M-Instruct.Q4_1.gguf")
    }

    @Test func openAIBackendWithBaseURLs_buildsAPoolOfEveryServerWithTheBackoff() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai\n  base_urls: [http://10.0.0.5:8000/v1, http://10.0.0.6:8000/v1]\n  server_backoff_seconds: 0.5\n  server_backoff_max_seconds: 30\n ")
        let backend = try AgentsConfiguration.load(from: url).backend.makeOpenAIBackend(environment: [:])
        #expect(backend.configuration.baseURLs == ["http://10.0.0.5:8000/v1", "http://10.0.0.6:8000/v1"])
        #expect(backend.configuration.serverBackoff == ModelServerBackoff(initial: .milliseconds(500), maximum: .seconds(30)))
        #expect(backend.pool.servers.map(\.label) == ["10.0.0.5:8000", "10.0.0.6:8000"])
    }

    @Test func baseURLsEntry_withItsOwnModelAndKey_overridesThePoolsForThatServerOnly() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai\n  api_key_env: POOL_KEY\n  base_urls:\n    - http://10.0.0.5:8000/v1\n    - {url: http://10.0.0.9:11434/v1, model: llama3.1:8b, api_key_env: OLLAMA_KEY}\n ")
        let backend = try AgentsConfiguration.load(from: url).backend
            .makeOpenAIBackend(environment: ["POOL_KEY": "pool", "OLLAMA_KEY": "own"])
        #expect(backend.configuration.servers == [
            OpenAIServerEndpoint(baseURL: "http://10.0.0.5:8000/v1"),
            OpenAIServerEndpoint(baseURL: "http://10.0.0.9:11434/v1", model: "llama3.1:8b", apiKey: "own"),
        ])
        #expect(backend.configuration.apiKey == "pool")
        let unset = #expect(throws: AgentsError.self) {
            _ = try AgentsConfiguration.load(from: url).backend.makeOpenAIBackend(environment: ["POOL_KEY": "pool"])
        }
        #expect(unset?.message.contains("llm.base_urls[1].api_key_env: the environment variable OLLAMA_KEY is not set") == true)
    }

    @Test func openAIBackendWithBothBaseURLAndBaseURLs_failsSayingToListEveryServerUnderBaseURLs() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai\n  base_url: http://10.0.0.5:8000/v1\n  base_urls: [http://10.0.0.6:8000/v1]\n ")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("llm.base_urls: and base_url are both set") == true)
    }

    @Test func openAIBackendWithABadOrRepeatedServerURL_failsNamingTheEntry() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  backend: embedded ", with: "  backend: openai\n  base_urls: [http://10.0.0.5:8000/v1, 10.0.0.6:8000]\n ")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("llm.base_urls[1]: \"10.0.0.6:8000\" is not an http(s) URL") == true)

        let again = try copyConfiguration()
        try edit(again, replacing: "  backend: embedded ", with: "  backend: openai\n  base_urls: [http://a:1/v1, http://a:1/v1]\n ")
        let repeated = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: again) }
        #expect(repeated?.message.contains("is listed twice") == true)
    }
}
