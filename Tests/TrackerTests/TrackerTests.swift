import Testing
@testable import Tracker
