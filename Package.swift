// swift-tools-version:6.1
// Spotter: a coaching daemon for fitness apps. See README.md and ../shared/design.md.
import PackageDescription

/// Numeric hot loops are compiled with optimisation even in debug builds: an unoptimised
/// quantized matmul is ~50x slower, which would make the model tests and `swift test` crawl.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Spotter",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spotter", targets: ["spotter"]),
    ],
    dependencies: [
        // Only FullFoundation: the default ConfigurationSupport trait would pull swift-configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // The shared store for several daemons (`spotter serve --database postgres://...`).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // System libraries (Debian packages installed by scripts/setup.sh).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .systemLibrary(name: "CTesseract", path: "Sources/CTesseract"),

        // Capabilities, one target each (see ../shared/design.md).
        // "Numerics" in the design; renamed because swift-numerics (a transitive dependency) owns that name.
        .target(name: "SpotterNumerics", dependencies: ["CBLAS", "CQuantKernels"], swiftSettings: optimizedInDebug),
        // Integer dot-product kernels (SSE2 baseline, AVX2 chosen at run time), optimised in debug too.
        .target(name: "CQuantKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "LanguageModel", dependencies: ["SpotterNumerics"], swiftSettings: optimizedInDebug),
        .target(name: "TextEmbedding", dependencies: ["SpotterNumerics"], swiftSettings: optimizedInDebug),
        .target(name: "Checksum"),
        // The shared domain words (units, set type, muscle, equipment, UTC day, user ids): one spelling each.
        .target(name: "Vocabulary"),
        // Types of the socket API shared by the server, the CLI and the evals: chat and OpenAI-compatible
        // requests/responses/stream events, coaching responses, user/workout/check-in I/O, the error
        // envelope, JSON values. Only Foundation and Vocabulary: conversions from capability types
        // live in SpotterApp or Server.
        .target(name: "Wire", dependencies: ["Vocabulary"]),
        .target(name: "Knowledge", dependencies: [
            "TextEmbedding", "Checksum", "Vocabulary",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: optimizedInDebug),
        .target(name: "Coaching", dependencies: ["Vocabulary"], swiftSettings: optimizedInDebug),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(name: "LLM", dependencies: ["LanguageModel", "HTTPClient", "Wire"]),
        .target(name: "Tracker", dependencies: ["CTesseract", "HTTPClient"]),
        .target(name: "Store", dependencies: [
            "Vocabulary",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The store on PostgreSQL (several daemons sharing one database); same protocol as Store's SQLite store.
        .target(name: "PostgresStore", dependencies: [
            "Store", "Vocabulary",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Agents", dependencies: [
            "LLM", "LanguageModel", "Vocabulary", "Wire",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Evals", dependencies: [
            "HTTPClient", "Checksum", "Wire",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
        ]),
                // Composition: all glue between capabilities. Rule: a file that imports two capability
        // targets lives here (the server's error translation aside). No HTTP.
        .target(name: "SpotterApp", dependencies: [
            "Agents", "Coaching", "Knowledge", "LLM", "LanguageModel", "SpotterNumerics", "Store", "PostgresStore", "TextEmbedding", "Tracker", "Vocabulary", "Wire",
            "Checksum",  // RouterEmbeddingCache keys, EncoderFingerprint
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "Server", dependencies: [
            "SpotterApp", "Store", "Agents", "Knowledge", "Coaching", "LLM", "Tracker", "Wire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Yams", package: "Yams"),  // openapi.yaml → /openapi.json
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "spotter", dependencies: [
            "Server", "SpotterApp", "Wire", "Vocabulary", "HTTPClient", "Evals", "LanguageModel", "TextEmbedding", "Coaching", "Knowledge", "Tracker",
            "Store", "PostgresStore", "Agents", "LLM",
            .product(name: "Yams", package: "Yams"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Tests mirror the sources. Test doubles shared by several test targets live in one
        // test-support target (never a dependency of the product).
        .target(name: "SpotterTestSupport", path: "Tests/SpotterTestSupport"),
        .testTarget(name: "SpotterTestSupportTests", dependencies: ["SpotterTestSupport"]),
        .testTarget(name: "SpotterNumericsTests", dependencies: ["SpotterNumerics"]),
        .testTarget(name: "LanguageModelTests", dependencies: ["LanguageModel"]),
        .testTarget(name: "TextEmbeddingTests", dependencies: ["TextEmbedding", "SpotterTestSupport"]),
        .testTarget(name: "KnowledgeTests", dependencies: ["Knowledge", "TextEmbedding", "Checksum", "SpotterTestSupport"]),
        // The real catalog comes the production way: Knowledge's free-exercise-db parser + SpotterApp's adapter.
        .testTarget(name: "CoachingTests", dependencies: ["Coaching", "SpotterApp", "SpotterTestSupport"]),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient"]),
        .testTarget(name: "LLMTests", dependencies: ["LLM", "SpotterTestSupport"]),
        .testTarget(name: "TrackerTests", dependencies: ["Tracker", "SpotterTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "PostgresStore", "SpotterTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "SpotterTestSupport"]),
        .testTarget(name: "EvalsTests", dependencies: ["Evals", "Checksum", "SpotterTestSupport"]),
        // Server tests talk to a live daemon over a real Unix socket with our own HTTP client
        // (HummingbirdTesting would pull AsyncHTTPClient and BoringSSL into every build).
        .testTarget(name: "ServerTests", dependencies: ["Server", "SpotterApp", "Tracker", "SpotterTestSupport", "HTTPClient", "Coaching", "Store", "Knowledge", "Agents", "LLM", "LanguageModel", "TextEmbedding", .product(name: "GRDB", package: "GRDB.swift")]),
        // The composition target's own parts (caches, lifecycle services) without a daemon.
        .testTarget(name: "SpotterAppTests", dependencies: ["SpotterApp", "Agents", "Knowledge", "Store", "SpotterTestSupport",
                                                            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                                            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                                                            .product(name: "Logging", package: "swift-log")]),
    ]
)

// Parser fuzzing (issue 15): one libFuzzer executable holding every harness (`Fuzz/`), declared
// only when SPOTTER_FUZZ is set, so the ordinary build never sees it. `scripts/fuzz.sh` builds it in
// its own scratch path with `-sanitize=fuzzer,address` on every Swift module it uses (parsers
// included, so libFuzzer is guided by their coverage) and `-enable-testing` (harnesses reach
// internal parsers through `@testable import`).
if Context.environment["SPOTTER_FUZZ"] != nil {
    package.targets += [
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(
            name: "SpotterFuzz",
            dependencies: ["CLibFuzzer", "LanguageModel", "TextEmbedding", "Store", "Vocabulary", "Wire", "Tracker", "Evals"],
            path: "Fuzz/Sources"),
    ]
}
