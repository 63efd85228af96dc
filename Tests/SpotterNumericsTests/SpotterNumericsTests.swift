import Testing
@testable import SpotterNumerics

@Suite struct BLASTests {
    @Test func multiplyTransposed_matchesHandComputedProduct() {
        // a (2×3) · bᵀ with b (2×3)
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let b: [Float] = [1, 0, -1, 0.5, 0.5, 0.5]
        let c = BLAS.multiplyTransposed(a, b, rows: 2, inner: 3, columns: 2)
        let expected: [Float] = [-2, 3, -2, 7.5]
        #expect(c == expected)
    }
}
