import Foundation
import Testing
@testable import SpotterNumerics

/// Attention over the float16 cache against a double-precision softmax over the same (rounded)
/// keys and values, on every kernel level; one token equals the same token in a batch bit for
/// bit. Serialized: the cases switch the process-wide kernel level.
@Suite(.serialized) struct Float16AttentionTests {
    @Test func attend_everyLevel_matchesExactSoftmax_andDecodeEqualsPrefill() {
        let d = 64, group = 3, positions = 300, tokens = 37, p0 = positions - tokens
        let capacity = (positions + 63) / 64 * 64
        var keys = [UInt16](repeating: 0, count: capacity * d), values = keys
        let k = (0..<positions * d).map { Float(sin(Double($0) * 0.37)) * 2 }
        let v = (0..<positions * d).map { Float(cos(Double($0) * 0.11)) }
        let q = (0..<tokens * group * d).map { Float(sin(Double($0) * 1.3)) * 3 }
        Attention.store(.float16, keys: k, values: v, stride: d, tokens: positions, firstPosition: 0, dimension: d,
                        intoKeys: &keys, values: &values)
        // The cache holds k and v rounded to float16, keys transposed per block of 64.
        let kr = (0..<positions * d).map { i in HalfFloat.float(bits: keys[(i / d / 64) * 64 * d + (i % d) * 64 + (i / d) % 64]) }
        let vr = values.prefix(positions * d).map { HalfFloat.float(bits: $0) }
        #expect(zip(kr, HalfFloat.floats(HalfFloat.halves(k))).allSatisfy { $0 == $1 })
        var expected = [Double](repeating: 0, count: tokens * group * d)
        for t in 0..<tokens {
            for j in 0..<group {
                let query = (t * group + j) * d, n = p0 + t + 1
                let s = (0..<n).map { p in (0..<d).reduce(0.0) { $0 + Double(q[query + $1]) * Double(kr[p * d + $1]) } * 0.125 }
                let top = s.max()!
                let w = s.map { exp($0 - top) }
                let sum = w.reduce(0, +)
                for i in 0..<d { expected[query + i] = (0..<n).reduce(0.0) { $0 + w[$1] * Double(vr[$1 * d + i]) } / sum }
            }
        }
        var scratch = [Float](repeating: 0, count: Attention.scratchCount(dimension: d))
        defer { KernelLevel.limit(to: nil) }
        var outputs: [[Float]] = []
        for level in [KernelLevel.portable, .avx2] where level <= .supported {
            KernelLevel.limit(to: level)
            var batch = [Float](repeating: .nan, count: tokens * group * d), single = batch
            Attention.attend(.float16, queries: q, queryStride: group * d, tokens: tokens, firstPosition: p0, group: group, dimension: d,
                             keys: keys, values: values, scale: 0.125, into: &batch, outputStride: group * d, scratch: &scratch)
            for t in 0..<tokens {
                q.withUnsafeBufferPointer { qb in single.withUnsafeMutableBufferPointer { ob in
                    Attention.attend(.float16, queries: qb.baseAddress! + t * group * d, queryStride: group * d, tokens: 1, firstPosition: p0 + t,
                                     group: group, dimension: d, keys: keys, values: values, scale: 0.125,
                                     into: ob.baseAddress! + t * group * d, outputStride: group * d, scratch: &scratch)
                } }
            }
            #expect(batch == single, "\(level): one token differs from the batch")
            let worst = zip(batch, expected).map { abs(Double($0) - $1) }.max()!
            #expect(worst < 1e-5, "\(level): max |attention − exact| = \(worst)")
            outputs.append(batch)
        }
        if outputs.count == 2 { #expect(zip(outputs[0], outputs[1]).allSatisfy { abs($0 - $1) < 1e-5 }) }
    }

    /// A decode step splits its keys into segments over threads: the merged segments give the
    /// same bits as one call, on every level, including a query that ends inside a segment.
    @Test func attendSegments_merged_equalOneCallBitForBit() {
        let d = 64, group = 3, segment = Attention.segmentPositions
        let capacity = 3 * segment + 64
        var keys = [UInt16](repeating: 0, count: capacity * d), values = keys
        let k = (0..<capacity * d).map { Float(sin(Double($0) * 0.29)) * 3 }
        let v = (0..<capacity * d).map { Float(cos(Double($0) * 0.07)) }
        let q = (0..<group * d).map { Float(cos(Double($0) * 0.9)) * 2 }
        Attention.store(.float16, keys: k, values: v, stride: d, tokens: capacity, firstPosition: 0, dimension: d,
                        intoKeys: &keys, values: &values)
        var scratch = [Float](repeating: 0, count: Attention.scratchCount(dimension: d))
        let per = group * Attention.partialCount(dimension: d)
        defer { KernelLevel.limit(to: nil) }
        for level in KernelLevel.runnable {
            KernelLevel.limit(to: level)
            for position in [segment - 1, segment, 2 * segment + 37, capacity - 1] {
                var whole = [Float](repeating: .nan, count: group * d), merged = whole
                Attention.attend(.float16, queries: q, queryStride: group * d, tokens: 1, firstPosition: position, group: group, dimension: d,
                                 keys: keys, values: values, scale: 0.125, into: &whole, outputStride: group * d, scratch: &scratch)
                let segments = position / segment + 1
                var partials = [Float](repeating: .nan, count: segments * per)
                for s in (0..<segments).reversed() {   // any order: each segment is independent
                    partials.withUnsafeMutableBufferPointer { p in
                        Attention.attendSegment(.float16, queries: q, queryStride: group * d, tokens: 1, firstPosition: position, group: group,
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

    @Test func halves_roundToNearestEven_sameBitsOnEveryLevel() {
        let values: [Float] = [0, -0.0, 1, -2.5, 65504, 65520, 1e-8, 5.960464477539063e-8, 2.9802322387695312e-8,
                               1.0009765625, 1.00048828125, 1.00146484375, .infinity, -.infinity, 3.14159, -1e5]
        let expected: [UInt16] = [0x0000, 0x8000, 0x3C00, 0xC100, 0x7BFF, 0x7C00, 0x0000, 0x0001, 0x0000,
                                  0x3C01, 0x3C00, 0x3C02, 0x7C00, 0xFC00, 0x4248, 0xFC00]
        defer { KernelLevel.limit(to: nil) }
        for level in KernelLevel.runnable {
            KernelLevel.limit(to: level)
            #expect(HalfFloat.halves(values) == expected, "\(level)")
            #expect(HalfFloat.floats(expected).map(\.bitPattern) == expected.map { Float(Float16(bitPattern: $0)).bitPattern }, "\(level)")
        }
    }

    @Test func expVectorized_everyLevel_withinFourHundredthsOfAMillionth() {
        let x = (0..<2000).map { Float($0 - 1000) * 0.087 }
        defer { KernelLevel.limit(to: nil) }
        for level in KernelLevel.runnable {
            KernelLevel.limit(to: level)
            let y = Vector.expVectorized(x)
            let worst = zip(x, y).map { abs(Double($1) - Foundation.exp(Double($0))) / Foundation.exp(Double($0)) }.max()!
            #expect(worst < 4e-7, "\(level): relative error \(worst)")
        }
    }

    @Test func kernelLevel_limit_capsActiveLevel() {
        defer { KernelLevel.limit(to: nil) }
        KernelLevel.limit(to: .portable)
        #expect(KernelLevel.active == .portable)
        KernelLevel.limit(to: nil)
        #expect(KernelLevel.active == KernelLevel.supported)
    }
}
