import Foundation
import Evals

/// The eval-suite loader (`SuiteLoader.parse`): YAML composition, then the suite's schema
/// (cases, user state, requests, assertions) as `spotter eval` reads `evals/*.yaml`.
enum EvalSuiteHarness {
    static let loader = SuiteLoader(now: Date(timeIntervalSince1970: 1_764_000_000))

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = try? loader.parse(String(decoding: bytes, as: UTF8.self), file: "/fuzz/suite.yaml")
    }
}
