import Glibc

/// Holds RequestReceived events briefly, so that most requests are written to the store once.
///
/// The apiserver logs a request's RequestReceived stage and, moments later, its ResponseComplete
/// (or ResponseStarted) stage, which repeats every field of the first. When the later stage arrives
/// while the first is still held, the first is dropped and only its stage bit is kept, so the
/// request costs one INSERT instead of an INSERT and an UPDATE. A held event that waits longer
/// than `capacity` newer held events, or is still held at the end of a file, is written as it is,
/// so nothing is lost; merging by `auditID` in the store makes the outcome the same either way.
///
/// A held event is not copied: it keeps a reference to the batch storage it was read into, and
/// Swift's copy-on-write arrays share that storage. Most events are released within a few lines.
/// Before a batch's storage is filled again, `detach(from:)` copies out the few events still held.
struct ReceivedStageBuffer {
    typealias Key = EncodedAuditID

    /// The bytes of one held event: a range of a batch's storage that scans to the event again.
    struct HeldEvent {
        let storage: [UInt8]
        let range: Range<Int>
        /// The event's line in its input, for a problem found when it is written.
        let line: Int
        /// The ranges of the `user` and `impersonatedUser` objects in the event's bytes, counted
        /// from `range.lowerBound`.
        let users: UserRanges

        /// Returns whether a later stage of the request names the same `user` and `impersonatedUser`
        /// objects, byte for byte. Only then may this stage be folded into it, because a folded
        /// stage's user objects are never decoded.
        func hasSameUsers(as event: AuditEventView) -> Bool {
            withUnsafeBytes { bytes in
                Self.equal(bytes, users.user, event, event.user)
                    && Self.equal(bytes, users.impersonatedUser, event, event.impersonatedUser)
            }
        }

        private static func equal(
            _ bytes: UnsafeRawBufferPointer, _ held: Range<Int>?, _ event: AuditEventView, _ later: JSONValueRange?
        ) -> Bool {
            switch (held, later) {
            case (nil, nil):
                return true
            case (let held?, let later?):
                let laterBytes = event.bytes(later)
                return held.count == laterBytes.count
                    && (held.isEmpty || memcmp(bytes.baseAddress! + held.lowerBound, laterBytes.baseAddress!, held.count) == 0)
            default:
                return false
            }
        }

        func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
            try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }

        /// A copy of the event's bytes, for tests and diagnostics.
        var bytes: [UInt8] { Array(storage[range]) }
    }

    let capacity: Int
    private var held: [Key: HeldEvent] = [:]
    /// Keys of the last `capacity` holds in arrival order, for eviction; released ones are skipped.
    private var order: [Key] = []
    private var orderStart = 0

    /// An eviction costs one more UPDATE later, not a lost stage, so the capacity trades memory for
    /// statements. In the seed-7 gen-audit corpus of 200,000 lines, 99.9 % of requests logged their
    /// next stage fewer than 30 held events after RequestReceived, and 61 of 85,500 more than 1,024.
    init(capacity: Int = 1_024) {
        self.capacity = capacity
        held.reserveCapacity(capacity + 1)
    }

    /// The key of an event's audit ID, or nil when it is not a UUID.
    static func key(for event: AuditEventView) -> Key? {
        EncodedAuditID(event)
    }

    /// Holds the event whose bytes are `storage[range]`. Returns the events pushed out because
    /// `capacity` newer events were held after them, oldest first, to be written now.
    ///
    /// Eviction goes by age, not by how many events are held: a RequestReceived that never gets a
    /// later stage would otherwise keep its whole batch storage alive until the buffer filled up.
    mutating func hold(_ key: Key, storage: [UInt8], range: Range<Int>, line: Int, users: UserRanges) -> [HeldEvent] {
        let event = HeldEvent(storage: storage, range: range, line: line, users: users)
        if held.updateValue(event, forKey: key) == nil {
            order.append(key)
        }
        var evicted: [HeldEvent] = []
        while order.count - orderStart > capacity {
            let oldest = order[orderStart]
            orderStart += 1
            if let event = held.removeValue(forKey: oldest) {
                evicted.append(event)
            }
        }
        // Removing the consumed front only once it is `capacity` long keeps the cost per hold constant.
        if orderStart >= capacity {
            order.removeFirst(orderStart)
            orderStart = 0
        }
        return evicted
    }

    /// Holds a copy of a scanned event's bytes; for callers that have no batch storage to share.
    mutating func hold(_ event: AuditEventView, key: Key, line: Int) -> [HeldEvent] {
        let bytes = Array(event.eventBytes)
        return hold(key, storage: bytes, range: bytes.indices, line: line, users: UserRanges(of: event))
    }

    /// Gives every held event that shares `storage` a copy of its own bytes, so that `storage` can
    /// be filled with new lines (see `BatchStoragePool`). Few events are still held when their batch
    /// has been written: most wait only a few lines for their later stage.
    mutating func detach(from storage: [UInt8]) {
        let base = storage.withUnsafeBytes(\.baseAddress)
        var sharing: [Key] = []
        for (key, event) in held where event.storage.withUnsafeBytes(\.baseAddress) == base {
            sharing.append(key)
        }
        for key in sharing {
            guard let event = held[key] else { continue }
            let bytes = Array(event.storage[event.range])
            held[key] = HeldEvent(storage: bytes, range: bytes.indices, line: event.line, users: event.users)
        }
    }

    /// Releases and returns the held RequestReceived of a request whose later stage has arrived,
    /// or returns nil when none is held.
    mutating func release(_ key: Key) -> HeldEvent? {
        held.removeValue(forKey: key)
    }

    /// Empties the buffer, returning every held event in arrival order.
    mutating func drain() -> [HeldEvent] {
        var remaining: [HeldEvent] = []
        for key in order[orderStart...] {
            if let event = held.removeValue(forKey: key) {
                remaining.append(event)
            }
        }
        order.removeAll(keepingCapacity: true)
        orderStart = 0
        return remaining
    }

    /// The number of keys kept for eviction order, for tests of the bound.
    var orderCount: Int { order.count - orderStart }
}

/// The ranges of an event's `user` and `impersonatedUser` objects within the event's own bytes
/// (`eventBytes`), which for an `EventList` item are not its whole line.
struct UserRanges {
    var user: Range<Int>?
    var impersonatedUser: Range<Int>?

    init(of event: AuditEventView) {
        let base = event.eventRange?.start ?? 0
        user = event.user.map { ($0.start - base)..<($0.end - base) }
        impersonatedUser = event.impersonatedUser.map { ($0.start - base)..<($0.end - base) }
    }

    init() {}
}
