import Foundation

/// Field-level precision/recall/F1 of tracker entries against ground truth, for tests and the
/// benchmark over the fixture set (`Tests/TrackerTests/Fixtures/*.json`, written by
/// `scripts/make_tracker_images.py`).
///
/// Ground-truth file: `{"image": "x.png", "style": "...", "entries": [{"exercise": "Bench Press",
/// "sets": 3 | null, "reps": 8 | {"min": 8, "max": 12} | null, "weight": 80 | null,
/// "unit": "kg" | "lb" | null}]}` — `exercise` is the name as written in the image.
///
/// Predicted entries are aligned to truth entries greedily by name similarity (normalised
/// edit-distance ratio ≥ 0.6). Per field (exercise, sets, reps, weight, unit): a predicted
/// non-null value is a true positive when its aligned truth value equals it, else a false
/// positive (unaligned entries count all their values as false positives); a non-null truth value
/// not correctly predicted is a false negative.
public enum TrackerScoring {
    public struct TruthFile: Codable, Sendable {
        public var image: String
        public var style: String?
        public var entries: [TruthEntry]
    }

    public struct TruthEntry: Codable, Sendable {
        public var exercise: String
        public var sets: Int?
        public var reps: Reps?
        public var weight: Double?
        public var unit: WeightUnit?
    }

    /// Counts for one field.
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0
        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
        }
        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

        public static func + (l: Counts, r: Counts) -> Counts {
            Counts(truePositives: l.truePositives + r.truePositives, falsePositives: l.falsePositives + r.falsePositives,
                   falseNegatives: l.falseNegatives + r.falseNegatives)
        }
    }

    public static let fields = ["exercise", "sets", "reps", "weight", "unit"]

    /// Per-field counts for one image.
    public static func score(_ predicted: [TrackerEntry], truth: [TruthEntry]) -> [String: Counts] {
        var counts = Dictionary(uniqueKeysWithValues: fields.map { ($0, Counts()) })
        var used = Set<Int>()
        var aligned: [(TruthEntry, TrackerEntry?)] = []
        for t in truth {
            let best = predicted.indices.filter { !used.contains($0) }
                .map { ($0, similarity(normalise(t.exercise), normalise(predicted[$0].exercise.asWritten))) }
                .max { $0.1 < $1.1 }
            if let (i, s) = best, s >= 0.6 {
                used.insert(i)
                aligned.append((t, predicted[i]))
            } else {
                aligned.append((t, nil))
            }
        }
        func tally(_ field: String, truth: String?, predicted: String?) {
            if let p = predicted {
                if p == truth { counts[field]!.truePositives += 1 } else { counts[field]!.falsePositives += 1 }
            }
            if let t = truth, t != predicted { counts[field]!.falseNegatives += 1 }
        }
        for (t, p) in aligned {
            tally("exercise", truth: normalise(t.exercise), predicted: p.map { normalise($0.exercise.asWritten) })
            tally("sets", truth: t.sets.map(String.init), predicted: p?.sets.map(String.init))
            tally("reps", truth: t.reps.map(describe), predicted: p?.reps.map(describe))
            tally("weight", truth: t.weight.map { "\($0)" }, predicted: p?.weight.map { "\($0)" })
            tally("unit", truth: t.unit?.rawValue, predicted: p?.unit?.rawValue)
        }
        for i in predicted.indices where !used.contains(i) {
            let p = predicted[i]
            tally("exercise", truth: nil, predicted: normalise(p.exercise.asWritten))
            tally("sets", truth: nil, predicted: p.sets.map(String.init))
            tally("reps", truth: nil, predicted: p.reps.map(describe))
            tally("weight", truth: nil, predicted: p.weight.map { "\($0)" })
            tally("unit", truth: nil, predicted: p.unit?.rawValue)
        }
        return counts
    }

    static func describe(_ r: Reps) -> String {
        switch r {
        case .exact(let n): "\(n)"
        case .range(let lo, let hi): "\(lo)-\(hi)"
        }
    }

    /// Lower-cased letters and digits only ("Pull-ups" → "pullups").
    static func normalise(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// 1 − Levenshtein distance / longer length.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return 1 - Double(x.isEmpty ? y.count : row[y.count]) / Double(max(x.count, y.count))
    }
}
