import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct PreparingQueueTests {
    /// A prepared element: the raw value and whether the producer thread prepared it.
    private struct Prepared: Equatable, Sendable {
        var value: Int
        var onProducer: Bool
    }

    /// Marks the producer thread, so that `prepare` can tell on which side it runs.
    private final class ProducerMark: @unchecked Sendable {
        private let lock = NSLock()
        private var producer: pthread_t?

        func markCurrentThread() {
            lock.lock()
            producer = pthread_self()
            lock.unlock()
        }

        var isCurrentThread: Bool {
            lock.lock()
            defer { lock.unlock() }
            return producer.map { pthread_equal($0, pthread_self()) != 0 } ?? false
        }
    }

    private let mark = ProducerMark()

    private func makeQueue(capacity: Int) -> PreparingQueue<Int, Prepared> {
        let mark = mark
        return PreparingQueue(capacity: capacity) { value in
            Prepared(value: value, onProducer: mark.isCurrentThread)
        }
    }

    /// Puts `values` on a producer thread, calling `beforePut` before each, and closes the queue.
    private func startProducer(
        _ queue: PreparingQueue<Int, Prepared>, values: [Int], beforePut: @escaping @Sendable () -> Void = {}
    ) {
        let mark = mark
        let thread = Thread {
            mark.markCurrentThread()
            for value in values {
                beforePut()
                guard queue.put(value) else { break }
            }
            queue.close()
        }
        thread.start()
    }

    private static func drain(_ queue: PreparingQueue<Int, Prepared>, pause: TimeInterval = 0) -> [Prepared] {
        var received: [Prepared] = []
        while let element = queue.take() {
            received.append(element)
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
        }
        return received
    }

    @Test func slowConsumerLetsTheProducerPrepareInOrder() {
        let queue = makeQueue(capacity: 2)
        startProducer(queue, values: Array(1...40))
        // The queue fills before the first take, so the producer prepares while it waits for room.
        Thread.sleep(forTimeInterval: 0.05)
        let received = Self.drain(queue, pause: 0.002)
        #expect(received.map(\.value) == Array(1...40))
        #expect(received.contains { $0.onProducer })
    }

    @Test func slowProducerLeavesThePreparationToTheConsumer() {
        let queue = makeQueue(capacity: 2)
        startProducer(queue, values: Array(1...20)) { Thread.sleep(forTimeInterval: 0.005) }
        let received = Self.drain(queue)
        #expect(received.map(\.value) == Array(1...20))
        // The queue fills only while the consumer is not scheduled, so it prepares most elements.
        #expect(received.filter { !$0.onProducer }.count > 10)
    }

    @Test func closingStopsAWaitingProducer() {
        let queue = makeQueue(capacity: 1)
        let finished = NSCondition()
        nonisolated(unsafe) var putResults: [Bool] = []
        let mark = mark
        let thread = Thread {
            mark.markCurrentThread()
            let results = [queue.put(1), queue.put(2), queue.put(3)]
            finished.lock()
            putResults = results
            finished.broadcast()
            finished.unlock()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.05)
        queue.close()
        finished.lock()
        while putResults.isEmpty { finished.wait() }
        finished.unlock()
        #expect(putResults == [true, false, false])
        #expect(queue.take() == Prepared(value: 1, onProducer: true))
        #expect(queue.take() == nil)
    }
}
