import Foundation

/// A first-in first-out queue of fixed capacity between one producer thread and one consumer.
///
/// `put` blocks while the queue is full, so a fast reader cannot run ahead of the writer by more
/// than `capacity` elements, which bounds memory. `@unchecked Sendable` is sound because every
/// access to `elements` and `isClosed` happens with `condition` locked.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var isClosed = false
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded queue needs room for one element")
        self.capacity = capacity
    }

    /// Appends an element, waiting for room. Returns false when the consumer has closed the queue.
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count >= capacity && !isClosed {
            condition.wait()
        }
        guard !isClosed else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// Removes the oldest element, waiting for one. Returns nil once the queue is closed and empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty && !isClosed {
            condition.wait()
        }
        guard !elements.isEmpty else { return nil }
        let element = elements.removeFirst()
        condition.broadcast()
        return element
    }

    /// Ends the queue: `take` drains what is left and then returns nil; `put` returns false.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
