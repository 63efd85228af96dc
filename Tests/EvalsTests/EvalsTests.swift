import Testing
@testable import Evals
