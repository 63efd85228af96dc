import Testing
@testable import Agents
