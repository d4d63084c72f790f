import Foundation

/// A bounded first-in first-out queue between one producer thread and one consumer, where either
/// thread may prepare an element.
///
/// The producer puts raw elements and the consumer takes them prepared, in order. The thread that
/// would otherwise wait does the preparation: the consumer prepares the oldest element itself when
/// no thread has claimed it, and the producer, while the queue is full, prepares the newest
/// unclaimed element. So both cores stay busy whichever side is slower. At most `capacity`
/// elements wait, and the consumer prepares at most one more that it has taken, so memory stays
/// bounded.
///
/// `@unchecked Sendable` is sound because `slots`, `closed` and every slot's `state` are only
/// read or changed with `condition` locked. A claimed slot's raw value is prepared outside the lock
/// by the one thread that claimed it.
final class PreparingQueue<Raw: Sendable, Prepared: Sendable>: @unchecked Sendable {
    private enum State {
        case waiting(Raw)
        case preparing
        case prepared(Prepared)
    }

    private final class Slot {
        var state: State

        init(_ raw: Raw) {
            state = .waiting(raw)
        }

        var isWaiting: Bool {
            if case .waiting = state { true } else { false }
        }
    }

    private let condition = NSCondition()
    private var slots: [Slot] = []
    private var closed = false
    private let capacity: Int
    private let prepare: @Sendable (Raw) -> Prepared

    init(capacity: Int, prepare: @escaping @Sendable (Raw) -> Prepared) {
        precondition(capacity > 0, "a bounded queue needs room for one element")
        self.capacity = capacity
        self.prepare = prepare
    }

    /// Appends a raw element, preparing waiting ones while the queue is full. Returns false when the
    /// consumer has closed the queue.
    func put(_ raw: Raw) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while slots.count >= capacity && !closed {
            if let newest = slots.last(where: \.isWaiting) {
                prepareClaimed(newest)
            } else {
                condition.wait()
            }
        }
        guard !closed else { return false }
        slots.append(Slot(raw))
        condition.broadcast()
        return true
    }

    /// Removes the oldest element and returns it prepared, preparing it here when no thread has claimed it.
    /// Returns nil once the queue is closed and empty.
    func take() -> Prepared? {
        condition.lock()
        defer { condition.unlock() }
        while slots.isEmpty && !closed {
            condition.wait()
        }
        guard !slots.isEmpty else { return nil }
        let oldest = slots.removeFirst()
        condition.broadcast()
        while true {
            switch oldest.state {
            case .waiting:
                prepareClaimed(oldest)
            case .preparing:
                condition.wait()
            case .prepared(let prepared):
                return prepared
            }
        }
    }

    /// Whether the queue was closed, by the producer at its end or by the consumer.
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Ends the queue: `take` drains what is left and then returns nil; `put` returns false.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Claims a waiting slot, prepares it with the lock released, and stores the result. Called
    /// and returns with `condition` locked.
    private func prepareClaimed(_ slot: Slot) {
        guard case .waiting(let raw) = slot.state else { return }
        slot.state = .preparing
        condition.unlock()
        let prepared = prepare(raw)
        condition.lock()
        slot.state = .prepared(prepared)
        condition.broadcast()
    }
}
