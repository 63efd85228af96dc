import Foundation

extension RoutineModel {
    /// The splits in the order they are likely to come next (most likely first), as of `asOf`
    /// (only sessions before it count). `plannedSplit` (a session title) puts that split first.
    public func nextSplits(asOf: Date, plannedSplit: String? = nil) -> [Int] {
        splitScores(asOf: asOf, plannedSplit: plannedSplit).map(\.split)
    }

    /// The active splits with their scores, best first (a planned split first, whatever its score).
    func splitScores(asOf: Date, plannedSplit: String? = nil) -> [(split: Int, score: Double)] {
        let n = sessions.firstIndex { $0.date >= asOf } ?? sessions.count
        guard n > 0 else { return [] }
        let labels = Array(self.labels[..<n])
        var lastDone: [Int: Date] = [:]
        for (i, l) in labels.enumerated() { lastDone[l] = sessions[i].date }
        var active = lastDone.filter { asOf.timeIntervalSince($0.value) <= activeDays * 86_400 }.map(\.key)
        if active.isEmpty { active = [labels[n - 1]] }
        // Successors of the last split and of the last two, recency-weighted (half-life 10 sessions).
        var succ1: [Int: Double] = [:], succ2: [Int: Double] = [:]
        let last = labels[n - 1], beforeLast = n >= 2 ? labels[n - 2] : -1
        for j in 0..<(n - 1) {
            let w = pow(0.5, Double(n - 1 - j) / 10)
            if labels[j] == last {
                succ1[labels[j + 1], default: 0] += w
                if j >= 1, labels[j - 1] == beforeLast { succ2[labels[j + 1], default: 0] += w }
            }
        }
        let t1 = max(1e-9, succ1.values.reduce(0, +)), t2 = max(1e-9, succ2.values.reduce(0, +))
        let ages = Dictionary(uniqueKeysWithValues: active.map { ($0, asOf.timeIntervalSince(lastDone[$0]!) / 86_400) })
        let maxAge = max(1e-9, ages.values.max() ?? 1)
        let calendar = Calendar(identifier: .gregorian)
        func score(_ k: Int) -> Double {
            var s = recencyWeight * ages[k]! / maxAge + (succ1[k] ?? 0) / t1 + (succ2[k] ?? 0) / t2
            if calendar.isDate(lastDone[k]!, inSameDayAs: asOf) { s -= 5 }
            return s
        }
        var order = active.map { (split: $0, score: score($0)) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.split < $1.split }
        if let planned = plannedSplit, let k = sessions(titled: planned, before: n).last.map({ labels[$0] }) {
            let top = order.first?.score ?? 0
            order.removeAll { $0.split == k }
            order.insert((k, top + 10), at: 0)
        }
        return order
    }

    /// The exercises of the next session, most likely first (see the type's documentation).
    /// `plannedSplit` is the title of the session the app says comes next: its last sessions with that
    /// title lead the list, each exercise weighted by its carry-over rate (`carryOverRates(before:)`),
    /// so that an optional item ("Warm Up") comes after the ones the lifter always does.
    public func nextExercises(asOf: Date, plannedSplit: String? = nil, limit: Int = 20) -> [Candidate] {
        let n = sessions.firstIndex { $0.date >= asOf } ?? sessions.count
        var out: [Candidate] = [], seen = Set<String>()
        func rank(_ indices: [Int], split: Int?, base: Double, carryOver: [String: Double] = [:]) {
            var score: [String: Double] = [:], id: [String: String] = [:]
            for (w, i) in indices.enumerated() {
                for (pos, e) in sessions[i].exercises.enumerated() where !seen.contains(e.loggedName) {
                    score[e.loggedName, default: 0] += 1 + recencyBoost * Double(w) - 0.01 * Double(pos)
                    id[e.loggedName] = e.exerciseId
                }
            }
            for (name, rate) in carryOver where score[name] != nil { score[name]! *= rate }
            for (name, s) in score.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                seen.insert(name)
                out.append(Candidate(loggedName: name, exerciseId: id[name]!, split: split, score: base + s))
            }
        }
        if let planned = plannedSplit {
            let titled = sessions(titled: planned, before: n)
            rank(Array(titled.suffix(plannedSessions)), split: titled.last.map { labels[$0] }, base: 1000,
                 carryOver: carryOverRates(before: n))
        }
        if splitTemperature > 0 {
            // Each exercise by its chance of being in the next session: Σ over splits of
            // P(split) (a softmax of the split scores) × its share of the split's last sessions.
            let scored = splitScores(asOf: asOf, plannedSplit: plannedSplit)
            let top = scored.first?.score ?? 0
            let z = scored.reduce(0) { $0 + exp(($1.score - top) / splitTemperature) }
            var marginal: [String: (p: Double, id: String, split: Int, best: Double, pos: Int)] = [:]
            for (k, sc) in scored {
                let pk = exp((sc - top) / splitTemperature) / z
                let idx = Array(splits[k].sessionIndices.filter { $0 < n }.suffix(sessionsPerSplit))
                let weights = idx.indices.map { 1 + recencyBoost * Double($0) }
                let total = weights.reduce(0, +)
                for (w, i) in idx.enumerated() {
                    for (pos, e) in sessions[i].exercises.enumerated() where !seen.contains(e.loggedName) {
                        let c = pk * weights[w] / total
                        var m = marginal[e.loggedName] ?? (0, e.exerciseId, k, 0, pos)
                        m.p += c
                        if c > m.best { m.best = c; m.split = k; m.pos = pos }
                        marginal[e.loggedName] = m
                    }
                }
            }
            for (name, m) in marginal.sorted(by: { $0.value.p != $1.value.p ? $0.value.p > $1.value.p : $0.value.pos != $1.value.pos ? $0.value.pos < $1.value.pos : $0.key < $1.key }) {
                seen.insert(name)
                out.append(Candidate(loggedName: name, exerciseId: m.id, split: m.split, score: 100 * m.p))
            }
        } else {
            for (r, k) in nextSplits(asOf: asOf, plannedSplit: plannedSplit).enumerated() {
                rank(Array(splits[k].sessionIndices.filter { $0 < n }.suffix(sessionsPerSplit)), split: k, base: 100 - 10 * Double(r))
            }
        }
        // Fill: everything else the lifter has done, by frequency.
        var freq: [String: (Int, String)] = [:]
        for s in sessions[..<n] { for e in s.exercises where !seen.contains(e.loggedName) { freq[e.loggedName, default: (0, e.exerciseId)].0 += 1 } }
        for (name, v) in freq.sorted(by: { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }) {
            out.append(Candidate(loggedName: name, exerciseId: v.1, split: nil, score: Double(v.0) / 1000))
        }
        return Array(out.prefix(limit))
    }

    /// Indices (before `n`) of the sessions with the planned title: the same normalised title, else
    /// (a title never logged) the titles with the same first word sharing at least half of their
    /// words with it (Jaccard ≥ 0.5). Among those, a title the planned one extends — all its words
    /// are in the planned title ("Arms 2" for "Arms 2 + Weakpoint") — comes before one that merely
    /// shares more words ("Arms 1 + Weakpoint"); then the most shared words.
    func sessions(titled planned: String, before n: Int) -> [Int] {
        let p = Self.normalise(planned)
        guard !p.isEmpty else { return [] }
        let exact = (0..<n).filter { titles[$0] == p }
        if !exact.isEmpty { return exact }
        let words = p.split(separator: " ").map(String.init), set = Set(words)
        var best = (extends: false, similarity: 0.0), out: [Int] = []
        for i in 0..<n {
            let logged = titles[i].split(separator: " ").map(String.init), w = Set(logged)
            guard logged.first == words.first else { continue }
            let sim = Self.jaccard(set, w)
            guard sim >= 0.5 - 1e-9 else { continue }
            let key = (extends: w.isSubset(of: set), similarity: sim)
            if key.extends != best.extends ? key.extends : sim > best.similarity + 1e-9 {
                best = key; out = [i]
            } else if key.extends == best.extends, abs(sim - best.similarity) <= 1e-9 {
                out.append(i)
            }
        }
        return out
    }
}
