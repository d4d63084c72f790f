/// Holds RequestReceived events briefly, so that most requests are written to the store once.
///
/// The apiserver logs a request's RequestReceived stage and, moments later, its ResponseComplete
/// (or ResponseStarted) stage, which repeats every field of the first. When the later stage arrives
/// while the first is still held, the first is dropped and only its stage bit is kept, so the
/// request costs one INSERT instead of an INSERT and an UPDATE. A held event that waits longer
/// than `capacity` newer held events, or is still held at the end of a file, is written as it is,
/// so nothing is lost; merging by `auditID` in the store makes the outcome the same either way.
struct ReceivedStageBuffer {
    /// The 16-byte binary form of a UUID audit ID; other IDs are not held.
    struct Key: Hashable {
        var high: UInt64
        var low: UInt64
    }

    let capacity: Int
    private var held: [Key: [UInt8]] = [:]
    /// Keys in arrival order, for eviction; entries already taken are skipped.
    private var order: [Key] = []
    private var orderStart = 0

    init(capacity: Int = 16_384) {
        self.capacity = capacity
    }

    /// The key of an event's audit ID, or nil when it is not a UUID.
    static func key(for event: AuditEventView) -> Key? {
        guard let auditID = event.auditID, auditID.count == 36, !auditID.hasEscapes else { return nil }
        var buffer = (UInt64(0), UInt64(0))
        let length = withUnsafeMutableBytes(of: &buffer) { output in
            AuditIDEncoding.encode(event.bytes(auditID), into: output)
        }
        guard length == 16 else { return nil }
        return Key(high: buffer.0, low: buffer.1)
    }

    /// Holds a copy of the event. Returns the events pushed out to make room, oldest first, to be
    /// written now.
    mutating func hold(_ event: AuditEventView, key: Key) -> [[UInt8]] {
        if held[key] == nil {
            order.append(key)
        }
        held[key] = Array(event.eventBytes)
        var evicted: [[UInt8]] = []
        while held.count > capacity, orderStart < order.count {
            let oldest = order[orderStart]
            orderStart += 1
            if let bytes = held.removeValue(forKey: oldest) {
                evicted.append(bytes)
            }
        }
        compactOrderIfNeeded()
        return evicted
    }

    /// Releases the held RequestReceived of a request whose later stage has arrived. Returns
    /// whether one was held.
    mutating func release(_ key: Key) -> Bool {
        held.removeValue(forKey: key) != nil
    }

    /// Empties the buffer, returning every held event in arrival order.
    mutating func drain() -> [[UInt8]] {
        var remaining: [[UInt8]] = []
        for key in order[orderStart...] {
            if let bytes = held.removeValue(forKey: key) {
                remaining.append(bytes)
            }
        }
        order.removeAll(keepingCapacity: true)
        orderStart = 0
        return remaining
    }

    /// Drops the consumed front of `order` once it is most of the array, so it stays bounded.
    private mutating func compactOrderIfNeeded() {
        guard orderStart > capacity, orderStart * 2 > order.count else { return }
        order.removeFirst(orderStart)
        orderStart = 0
        // Keys whose events were released are still listed; drop them as well.
        if order.count > capacity * 2 {
            order = order.filter { held[$0] != nil }
        }
    }
}
