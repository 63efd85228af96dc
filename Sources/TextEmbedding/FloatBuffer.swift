/// A fixed-size heap buffer of floats with a stable address, for the BLAS kernels.
///
/// Weights are written once while the model loads and only read afterwards, so sharing them
/// between threads is safe (hence `@unchecked Sendable`). Scratch buffers are allocated per
/// call and never shared.
final class FloatBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        self.count = count
    }

    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { pointer.deallocate() }

    var readOnly: UnsafePointer<Float> { UnsafePointer(pointer) }
}
