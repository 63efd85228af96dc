#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SpotterNumerics

// ---------------------------------------------------------------------------------------------
// BERT forward pass over a packed batch.
//
// The sentences of a batch are laid end to end — no padding — so every position-wise step
// (embeddings, the Q/K/V, output and feed-forward projections, LayerNorm, GELU) is one GEMM or
// one loop over all tokens of the batch. Attention runs per sentence over that sentence's own
// tokens: it is block-diagonal, which is exactly what a padded batch computes when padding keys
// are masked (a masked key gets weight exp(-inf) = 0) and padding rows are masked out of the
// pooling — without computing the padding at all.
//
// Notation: n = tokens in the batch, d = hidden (384), f = intermediate (1536), L = one
// sentence's length, hd = head size (32).
// ---------------------------------------------------------------------------------------------
extension BertEncoder {
    /// The last hidden states of a batch of sentences.
    /// - Parameter sequences: token ids of each sentence (with `[CLS]`/`[SEP]`), each at most
    ///   `maxPositions` long, every id below `vocabularySize`.
    /// - Returns: `(n, d)` row-major, the sentences' rows in order.
    func hiddenStates(_ sequences: [[Int32]]) -> [Float] {
        let n = sequences.reduce(0) { $0 + $1.count }
        let d = hidden, f = intermediate, hd = headSize
        let longest = sequences.map(\.count).max() ?? 0
        guard n > 0 else { return [] }
        precondition(longest <= maxPositions, "sequence of \(longest) tokens exceeds \(maxPositions) positions")

        // Scratch, owned by this call only (concurrent callers never share it).
        let x = FloatBuffer(count: n * d)              // (n, d)    hidden states
        let qkv = FloatBuffer(count: n * 3 * d)        // (n, 3d)   query | key | value
        let context = FloatBuffer(count: n * d)        // (n, d)    attention output, heads side by side
        let sum = FloatBuffer(count: n * d)            // (n, d)    residual + sublayer
        let inner = FloatBuffer(count: n * f)          // (n, f)    feed-forward activations
        let scores = FloatBuffer(count: longest * longest)  // (L, L) one head of one sentence

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        for ids in sequences {
            for (position, id) in ids.enumerated() {
                precondition(id >= 0 && Int(id) < vocabularySize, "token id \(id) outside the vocabulary")
                let out = x.pointer + row * d
                let word = wordEmbeddings.pointer + Int(id) * d
                let pos = positionEmbeddings.pointer + position * d
                let type = tokenTypeEmbedding.pointer
                for i in 0..<d { out[i] = word[i] + pos[i] + type[i] }
                row += 1
            }
        }
        LayerNorm.normalize(x.readOnly, into: x.pointer, rows: n, width: d,
                            weight: embeddingNormWeight.readOnly, bias: embeddingNormBias.readOnly, epsilon: epsilon)

        let scale = 1 / Float(hd).squareRoot()
        for layer in layers {
            // qkv (n, 3d) = x · Wqkvᵀ + bqkv   (Wqkvᵀ stored as (d, 3d))
            fillRows(qkv.pointer, rows: n, with: layer.qkvBias.readOnly, width: 3 * d)
            BLAS.multiply(x.readOnly, layer.qkvWeight.readOnly, into: qkv.pointer,
                         rows: n, inner: d, columns: 3 * d, accumulate: true)

            // Self-attention, per sentence and head: softmax(Q_h K_hᵀ / √hd) V_h.
            var offset = 0
            for ids in sequences {
                let length = ids.count
                let base = qkv.readOnly + offset * 3 * d
                for head in 0..<heads {
                    let q = base + head * hd            // (L, hd), rows 3d apart
                    let k = base + d + head * hd        // (L, hd), rows 3d apart
                    let v = base + 2 * d + head * hd    // (L, hd), rows 3d apart
                    // scores (L, L) = scale · Q_h · K_hᵀ
                    BLAS.multiplyStrided(q, rowStride: 3 * d, k, rowStride: 3 * d, transposingB: true,
                                         into: scores.pointer, rowStride: length,
                                         rows: length, inner: hd, columns: length, scale: scale)
                    softmaxRows(scores.pointer, rows: length, width: length)
                    // context_h (L, hd), rows d apart = P (L, L) · V_h
                    BLAS.multiplyStrided(scores.readOnly, rowStride: length, v, rowStride: 3 * d, transposingB: false,
                                         into: context.pointer + offset * d + head * hd, rowStride: d,
                                         rows: length, inner: length, columns: hd)
                }
                offset += length
            }

            // x = LayerNorm(x + context · Waoᵀ + bao)       (post-LN)
            addRows(x.readOnly, layer.attentionOutputBias.readOnly, into: sum.pointer, rows: n, width: d)
            BLAS.multiply(context.readOnly, layer.attentionOutputWeight.readOnly, into: sum.pointer,
                         rows: n, inner: d, columns: d, accumulate: true)
            LayerNorm.normalize(sum.readOnly, into: x.pointer, rows: n, width: d,
                                weight: layer.attentionNormWeight.readOnly, bias: layer.attentionNormBias.readOnly,
                                epsilon: epsilon)

            // inner (n, f) = GELU(x · Wiᵀ + bi)
            fillRows(inner.pointer, rows: n, with: layer.intermediateBias.readOnly, width: f)
            BLAS.multiply(x.readOnly, layer.intermediateWeight.readOnly, into: inner.pointer,
                         rows: n, inner: d, columns: f, accumulate: true)
            GELU.applyExact(inner.pointer, count: n * f)

            // x = LayerNorm(x + inner · Woᵀ + bo)
            addRows(x.readOnly, layer.outputBias.readOnly, into: sum.pointer, rows: n, width: d)
            BLAS.multiply(inner.readOnly, layer.outputWeight.readOnly, into: sum.pointer,
                         rows: n, inner: f, columns: d, accumulate: true)
            LayerNorm.normalize(sum.readOnly, into: x.pointer, rows: n, width: d,
                                weight: layer.outputNormWeight.readOnly, bias: layer.outputNormBias.readOnly,
                                epsilon: epsilon)
        }
        return Array(UnsafeBufferPointer(start: x.readOnly, count: n * d))
    }

    /// Every row of `out` (rows × width) := `vector`.
    private func fillRows(_ out: UnsafeMutablePointer<Float>, rows: Int, with vector: UnsafePointer<Float>, width: Int) {
        for r in 0..<rows { (out + r * width).update(from: vector, count: width) }
    }

    /// out (rows × width) := a (rows × width) + vector broadcast over the rows.
    private func addRows(_ a: UnsafePointer<Float>, _ vector: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                         rows: Int, width: Int) {
        for r in 0..<rows {
            let src = a + r * width, dst = out + r * width
            for i in 0..<width { dst[i] = src[i] + vector[i] }
        }
    }

    /// Numerically stable softmax of each row, in place.
    private func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = s + r * width
            var largest = -Float.infinity
            for i in 0..<width { largest = max(largest, row[i]) }
            var total: Float = 0
            for i in 0..<width {
                let e = expf(row[i] - largest)
                row[i] = e
                total += e
            }
            let inverse = 1 / total
            for i in 0..<width { row[i] *= inverse }
        }
    }
}
