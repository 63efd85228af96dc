import Foundation

/// Reads and writes the next-workout LSTM weights file.
///
/// Format (little-endian), 167,920 bytes for the 41,975-parameter model:
///
///     offset  size  field
///     0       8     magic "SPTLSTM1"
///     8       4     UInt32 parameter count (41,975)
///     12      8     UInt64 training seed
///     20      4·N   Float32 parameters, tensors in `LSTMLayout.tensors` order, each row-major
///                   (embedding (7,16); per LSTM W (in,4H), U (H,4H), b (4H) with gates i,f,g,o;
///                   dense W (in,out), b (out))
public enum LSTMWeightsFile {
    static let magic = Array("SPTLSTM1".utf8)

    /// Encodes the model's parameters.
    public static func encode(_ model: NextWorkoutLSTM, seed: UInt64) -> Data {
        var d = Data(magic)
        withUnsafeBytes(of: UInt32(model.parameters.count).littleEndian) { d.append(contentsOf: $0) }
        withUnsafeBytes(of: seed.littleEndian) { d.append(contentsOf: $0) }
        for p in model.parameters { withUnsafeBytes(of: Float(p).bitPattern.littleEndian) { d.append(contentsOf: $0) } }
        return d
    }

    /// Decodes a file written by `encode`.
    public static func decode(_ data: Data) throws -> (model: NextWorkoutLSTM, seed: UInt64) {
        let bytes = [UInt8](data)
        guard bytes.count >= 20, Array(bytes[0..<8]) == magic else {
            throw CoachingError.invalidWeights("missing \"SPTLSTM1\" header")
        }
        func u32(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[o + $1]) << (8 * UInt32($1)) } }
        let count = Int(u32(8))
        let seedValue = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[12 + $1]) << (8 * UInt64($1)) }
        guard count == LSTMLayout.parameterCount else {
            throw CoachingError.invalidWeights("it holds \(count) parameters; this model has \(LSTMLayout.parameterCount)")
        }
        guard bytes.count == 20 + 4 * count else {
            throw CoachingError.invalidWeights("it is \(bytes.count) bytes; expected \(20 + 4 * count)")
        }
        let params = (0..<count).map { Double(Float(bitPattern: u32(20 + 4 * $0))) }
        return (try NextWorkoutLSTM(parameters: params), seedValue)
    }

    /// Reads a weights file from disk.
    public static func read(from url: URL) throws -> NextWorkoutLSTM {
        guard let data = try? Data(contentsOf: url) else {
            throw CoachingError.invalidWeights("cannot read \(url.path)")
        }
        return try decode(data).model
    }

    /// Writes a weights file atomically.
    public static func write(_ model: NextWorkoutLSTM, seed: UInt64, to url: URL) throws {
        try encode(model, seed: seed).write(to: url, options: .atomic)
    }
}
