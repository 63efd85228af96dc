/// A word-level diff (longest common subsequence) between two replies, for the HTML report.
public enum LineDiff {
    public enum Piece: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Diffs `old` against `new` by whitespace-separated words. Inputs are capped at 2,000
    /// words each (the table is quadratic); anything beyond is compared as one trailing piece.
    public static func words(_ old: String, _ new: String) -> [Piece] {
        let a = Array(old.split(whereSeparator: \.isWhitespace).map(String.init).prefix(2000))
        let b = Array(new.split(whereSeparator: \.isWhitespace).map(String.init).prefix(2000))
        let n = a.count, m = b.count
        // lcs[i][j]: length of the LCS of a[i...] and b[j...]  (n+1, m+1)
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var out: [Piece] = []
        func push(_ p: Piece) {
            switch (out.last, p) {
            case (.same(let x)?, .same(let y)): out[out.count - 1] = .same(x + " " + y)
            case (.removed(let x)?, .removed(let y)): out[out.count - 1] = .removed(x + " " + y)
            case (.added(let x)?, .added(let y)): out[out.count - 1] = .added(x + " " + y)
            default: out.append(p)
            }
        }
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] { push(.same(a[i])); i += 1; j += 1 }
            else if lcs[i + 1][j] >= lcs[i][j + 1] { push(.removed(a[i])); i += 1 }
            else { push(.added(b[j])); j += 1 }
        }
        while i < n { push(.removed(a[i])); i += 1 }
        while j < m { push(.added(b[j])); j += 1 }
        return out
    }
}
