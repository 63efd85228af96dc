import Foundation
import Testing
@testable import SpotterNumerics

/// Attention over the 8-bit cache against a double-precision softmax over the original float
/// keys, values and queries (the quantization error included), on every kernel level; one
/// token equals the same token in a batch, and merged segments equal one call, bit for bit.
/// Serialized: the cases switch the process-wide kernel level.
@Suite(.serialized) struct Int8AttentionTests {
    /// Stated tolerance of the 8-bit cache against exact float attention: keys, values and
    /// queries each carry up to half a step of 1/127 of their block's largest magnitude; on
    /// this data (|k| ≤ 2, |v| ≤ 1, |q| ≤ 3) the outputs (|out| ≤ 1) stay within 0.02.
    static let tolerance = 0.02

    static let d = 64, group = 3

    /// A cache of `positions` keys and values and the float inputs it was made from.
    static func cache(positions: Int) -> (keys: [UInt8], values: [UInt8], k: [Float], v: [Float]) {
        let capacity = (positions + 63) / 64 * 64
        var keys = [UInt8](repeating: 0, count: capacity * KVCacheFormat.int8.bytesPerPosition(dimension: d)), values = keys
        let k = (0..<positions * d).map { Float(sin(Double($0) * 0.37)) * 2 }
        let v = (0..<positions * d).map { Float(cos(Double($0) * 0.11)) }
        Attention.store(.int8, keys: k, values: v, stride: d, tokens: positions, firstPosition: 0, dimension: d,
                        intoKeys: &keys, values: &values)
        return (keys, values, k, v)
    }

    @Test func attendInt8_everyLevel_withinToleranceOfExactAttention_andDecodeEqualsPrefill() {
        let d = Self.d, group = Self.group, positions = 300, tokens = 37, p0 = positions - tokens
        #expect(KVCacheFormat.int8.bytesPerPosition(dimension: d) == 72)
        defer { KernelLevel.limit(to: nil) }
        var outputs: [[Float]] = []
        for level in [KernelLevel.portable, .avx2] where level <= .supported {
            KernelLevel.limit(to: level)   // the cache is quantized on the level too
            let (keys, values, k, v) = Self.cache(positions: positions)
            let q = (0..<tokens * group * d).map { Float(sin(Double($0) * 1.3)) * 3 }
            var expected = [Double](repeating: 0, count: tokens * group * d)
            for t in 0..<tokens {
                for j in 0..<group {
                    let query = (t * group + j) * d, n = p0 + t + 1
                    let s = (0..<n).map { p in (0..<d).reduce(0.0) { $0 + Double(q[query + $1]) * Double(k[p * d + $1]) } * 0.125 }
                    let top = s.max()!
                    let w = s.map { exp($0 - top) }
                    let sum = w.reduce(0, +)
                    for i in 0..<d { expected[query + i] = (0..<n).reduce(0.0) { $0 + w[$1] * Double(v[$1 * d + i]) } / sum }
                }
            }
            var scratch = [Float](repeating: 0, count: Attention.scratchCount(dimension: d))
            var batch = [Float](repeating: .nan, count: tokens * group * d), single = batch
            Attention.attend(.int8, queries: q, queryStride: group * d, tokens: tokens, firstPosition: p0, group: group, dimension: d,
                                 keys: keys, values: values, scale: 0.125, into: &batch, outputStride: group * d, scratch: &scratch)
            for t in 0..<tokens {
                q.withUnsafeBufferPointer { qb in single.withUnsafeMutableBufferPointer { ob in
                    Attention.attend(.int8, queries: qb.baseAddress! + t * group * d, queryStride: group * d, tokens: 1,
                                         firstPosition: p0 + t, group: group, dimension: d, keys: keys, values: values, scale: 0.125,
                                         into: ob.baseAddress! + t * group * d, outputStride: group * d, scratch: &scratch)
                } }
            }
            #expect(batch.map(\.bitPattern) == single.map(\.bitPattern), "\(level): one token differs from the batch")
            let worst = zip(batch, expected).map { abs(Double($0) - $1) }.max()!
            #expect(worst < Self.tolerance, "\(level): max |attention − exact| = \(worst)")
            outputs.append(batch)
        }
        if outputs.count == 2 { #expect(zip(outputs[0], outputs[1]).allSatisfy { abs($0 - $1) < 1e-3 }) }
    }

    /// A decode step's keys split into segments over threads and merged give the bits of one call.
    @Test func attendInt8Segments_merged_equalOneCallBitForBit() {
        let d = Self.d, group = Self.group, segment = Attention.segmentPositions
        let capacity = 3 * segment + 64
        let q = (0..<group * d).map { Float(cos(Double($0) * 0.9)) * 2 }
        let per = group * Attention.partialCount(dimension: d)
        defer { KernelLevel.limit(to: nil) }
        for level in KernelLevel.runnable {
            KernelLevel.limit(to: level)
            let (keys, values, _, _) = Self.cache(positions: capacity)
            var scratch = [Float](repeating: 0, count: Attention.scratchCount(dimension: d))
            for position in [segment - 1, segment, 2 * segment + 37, capacity - 1] {
                var whole = [Float](repeating: .nan, count: group * d), merged = whole
                Attention.attend(.int8, queries: q, queryStride: group * d, tokens: 1, firstPosition: position, group: group, dimension: d,
                                     keys: keys, values: values, scale: 0.125, into: &whole, outputStride: group * d, scratch: &scratch)
                let segments = position / segment + 1
                var partials = [Float](repeating: .nan, count: segments * per)
                for s in (0..<segments).reversed() {
                    partials.withUnsafeMutableBufferPointer { p in
                        Attention.attendSegment(.int8, queries: q, queryStride: group * d, tokens: 1, firstPosition: position, group: group,
                                                    dimension: d, keys: keys, values: values, scale: 0.125, segment: s,
                                                    into: p.baseAddress! + s * per, scratch: &scratch)
                    }
                }
                Attention.mergeSegments(partials, segmentStride: per, segments: segments, tokens: 1, group: group, dimension: d,
                                        into: &merged, outputStride: group * d)
                #expect(whole.map(\.bitPattern) == merged.map(\.bitPattern), "\(level), position \(position)")
            }
        }
    }
}
