import SpotterNumerics

/// The key/value cache as a set of token sequences ("slots"), each with its own keys and values
/// for every layer (float16 by default, or 8-bit blocks: `KVCacheFormat`), under a memory budget.
///
/// - **Working slots** (`workingSlots`, each up to the context length) hold the sequences that
///   requests extend; the least recently used one is reused when a new sequence needs room.
/// - **Pinned slots** hold a named static prefix (an agent's system prompt and few-shot turns),
///   sized to that prefix and never evicted by requests; together they stay within
///   `prefixBudgetBytes`. A request whose prompt starts with a pinned prefix copies that
///   prefix's keys and values into a working slot (a memory copy, ~2 ms for 1,000 tokens of
///   SmolLM2-135M) instead of recomputing them.
///
/// Layout of one slot: keys, then values, each `(layers, kvHeads, capacity)` rows of one head's
/// position (`d` values per head, capacity a multiple of 64), in blocks of 64 positions laid
/// out as `KVCacheFormat` describes (2·d bytes per position and head in float16, d + 4·d/32
/// in 8-bit). Memory is
/// reserved per slot but pages are touched only as positions are written, so resident memory
/// follows the tokens cached.
final class KVCache {
    /// One cached sequence.
    final class Slot {
        let capacity: Int
        let keys: UnsafeMutableRawPointer
        let values: UnsafeMutableRawPointer
        /// The tokens whose keys and values are stored, in order.
        var tokens: [Int] = []
        /// The prefix name for a pinned slot; nil for a working slot.
        let pinnedName: String?
        var lastUse = 0

        init(capacity: Int, bytesPerPosition: Int, pinnedName: String?) {
            self.capacity = capacity
            self.pinnedName = pinnedName
            keys = .allocate(byteCount: capacity * bytesPerPosition, alignment: 64)
            values = .allocate(byteCount: capacity * bytesPerPosition, alignment: 64)
        }

        deinit {
            keys.deallocate()
            values.deallocate()
        }
    }

    let layers: Int
    let kvHeads: Int
    let headDimension: Int
    /// How keys and values are stored (`.float16` when the head dimension does not suit `.int8`).
    let format: KVCacheFormat
    /// Bytes of one head's key (or value) at one position.
    let rowBytes: Int
    /// Positions of a working slot (the context length rounded up to a whole block).
    let workingCapacity: Int
    let workingSlotLimit: Int
    let prefixBudgetBytes: Int
    private(set) var slots: [Slot] = []
    private var clock = 0

    /// Bytes of keys and values per cached position (all layers).
    var bytesPerPosition: Int { 2 * sidePerPosition }
    /// Bytes of keys (or of values) per position, all layers and heads.
    private var sidePerPosition: Int { layers * kvHeads * rowBytes }

    init(layers: Int, kvHeads: Int, headDimension: Int, contextLength: Int, workingSlots: Int, prefixBudgetBytes: Int,
         format: KVCacheFormat = .float16) {
        self.layers = layers
        self.kvHeads = kvHeads
        self.headDimension = headDimension
        self.format = format.supports(dimension: headDimension) ? format : .float16
        rowBytes = self.format.bytesPerPosition(dimension: headDimension)
        workingCapacity = Self.roundedUp(contextLength)
        workingSlotLimit = max(1, workingSlots)
        self.prefixBudgetBytes = max(0, prefixBudgetBytes)
    }

    static func roundedUp(_ positions: Int) -> Int {
        let b = Attention.blockPositions
        return max(b, (positions + b - 1) / b * b)
    }

    /// Keys of `layer`, KV head `head` in `slot` (in `format`).
    @inline(__always) func keys(_ slot: Slot, layer: Int, head: Int) -> UnsafeMutableRawPointer {
        slot.keys + (layer * kvHeads + head) * slot.capacity * rowBytes
    }

    @inline(__always) func values(_ slot: Slot, layer: Int, head: Int) -> UnsafeMutableRawPointer {
        slot.values + (layer * kvHeads + head) * slot.capacity * rowBytes
    }

    func touch(_ slot: Slot) {
        clock += 1
        slot.lastUse = clock
    }

    /// Bytes reserved by pinned slots.
    var pinnedBytes: Int { slots.filter { $0.pinnedName != nil }.reduce(0) { $0 + $1.capacity * bytesPerPosition } }
    /// Bytes holding cached positions of working slots.
    var workingBytes: Int {
        slots.filter { $0.pinnedName == nil }.reduce(0) { $0 + Self.roundedUp($1.tokens.count) * bytesPerPosition }
    }

    /// The slot sharing the longest token prefix with `tokens` (at most `limit` tokens).
    func longestPrefix(of tokens: [Int], limit: Int) -> (slot: Slot, length: Int)? {
        var best: (Slot, Int)?
        for slot in slots {
            var n = 0
            let cap = min(limit, slot.tokens.count)
            while n < cap && slot.tokens[n] == tokens[n] { n += 1 }
            // Prefer a working slot on ties (no copy needed).
            if best == nil || n > best!.1 || (n == best!.1 && slot.pinnedName == nil && best!.0.pinnedName != nil) {
                best = (slot, n)
            }
        }
        return best
    }

    /// A working slot to (re)use for a new sequence: a fresh one while under the limit, else
    /// the least recently used working slot other than `keeping`.
    func workingSlot(avoiding keeping: Slot?) -> Slot {
        let working = slots.filter { $0.pinnedName == nil }
        if working.count < workingSlotLimit {
            let slot = Slot(capacity: workingCapacity, bytesPerPosition: sidePerPosition, pinnedName: nil)
            slots.append(slot)
            return slot
        }
        return working.filter { $0 !== keeping }.min { $0.lastUse < $1.lastUse } ?? working[0]
    }

    /// Copies the first `count` positions of `source` into `target` (which must hold them).
    func copy(_ count: Int, from source: Slot, to target: Slot) {
        precondition(count <= target.capacity && count <= source.tokens.count)
        // Whole blocks of 64 positions (both formats keep per-block layouts); both capacities
        // are multiples of 64 and hold `count`, hence the rounded-up count too.
        let bytes = Self.roundedUp(count) * rowBytes
        for layer in 0..<layers {
            for head in 0..<kvHeads {
                keys(target, layer: layer, head: head).copyMemory(from: keys(source, layer: layer, head: head), byteCount: bytes)
                values(target, layer: layer, head: head).copyMemory(from: values(source, layer: layer, head: head), byteCount: bytes)
            }
        }
        target.tokens = Array(source.tokens[..<count])
    }

    /// A new pinned slot for a prefix of `positions` tokens named `name`.
    /// - Throws: `LanguageModelError.cacheBudget` when the pinned prefixes (without a previous
    ///   slot of the same name, which the caller replaces) would exceed the budget.
    func makePinnedSlot(name: String, positions: Int) throws -> Slot {
        let capacity = Self.roundedUp(positions)
        let others = slots.filter { $0.pinnedName != nil && $0.pinnedName != name }
        let used = others.reduce(0) { $0 + $1.capacity * bytesPerPosition }
        let needed = capacity * bytesPerPosition
        guard used + needed <= prefixBudgetBytes else {
            throw LanguageModelError.cacheBudget(prefix: name, neededBytes: needed, usedBytes: used, budgetBytes: prefixBudgetBytes)
        }
        return Slot(capacity: capacity, bytesPerPosition: sidePerPosition, pinnedName: name)
    }

    /// Makes `slot` the pinned slot of its name, releasing the previous one.
    func install(pinned slot: Slot) {
        slots.removeAll { $0.pinnedName != nil && $0.pinnedName == slot.pinnedName }
        slots.append(slot)
    }

    /// Removes the pinned prefix `name`, if any.
    func unpin(_ name: String) {
        slots.removeAll { $0.pinnedName == name }
    }
}
