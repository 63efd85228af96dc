import CLibFuzzer
import Foundation

/// SwiftPM links an executable's `main` to its module's entry point, so the entry point hands the
/// command line to libFuzzer's driver (the flags are libFuzzer's: `-max_total_time=60 CORPUS`...).
@main
enum SpotterFuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) })
    }
}

/// libFuzzer's entry point: feeds each input to the harness named by `SPOTTER_FUZZ_HARNESS`
/// (`scripts/fuzz.sh` sets it; see `FuzzHarness` for the names). One binary holds every harness,
/// so the instrumented modules are built and linked once.
///
/// A harness returns normally for any input a parser rejects with an error; a trap, a sanitizer
/// report, a timeout or memory over libFuzzer's limit is a bug in the parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// The parsers under fuzzing, by the name `SPOTTER_FUZZ_HARNESS` gives.
enum FuzzHarness: String, CaseIterable {
    case gguf, safetensors, hevy, strong, workout, image
    case evalSuite = "eval-suite"
    case trackerText = "tracker-text"

    /// The harness chosen for this process; exits with a usage message when none is named.
    static let selected: FuzzHarness = {
        let name = getenv("SPOTTER_FUZZ_HARNESS").map { String(cString: $0) } ?? ""
        guard let harness = FuzzHarness(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("SPOTTER_FUZZ_HARNESS='\(name)' names no harness; use one of: \(names)\n".utf8))
            exit(2)
        }
        return harness
    }()

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .gguf: GGUFHarness.run(bytes)
        case .safetensors: SafeTensorsHarness.run(bytes)
        case .hevy: CSVImportHarness.runHevy(bytes)
        case .strong: CSVImportHarness.runStrong(bytes)
        case .workout: WorkoutJSONHarness.run(bytes)
        case .image: ImageHeaderHarness.run(bytes)
        case .evalSuite: EvalSuiteHarness.run(bytes)
        case .trackerText: TrackerTextHarness.run(bytes)
        }
    }
}
