import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct PreparingQueueTests {
    /// A prepared element: the raw value and whether the producer thread prepared it.
    private struct Prepared: Equatable, Sendable {
        var value: Int
        var onProducer: Bool
    }

    /// Records on which thread each element is prepared, and counts the preparations.
    private final class PreparationLog: @unchecked Sendable {
        private let lock = NSLock()
        private var producer: pthread_t?
        private var preparations = 0
        /// Signalled each time the producer thread prepares an element.
        let preparedOnProducer = DispatchSemaphore(value: 0)

        func markCurrentThreadAsProducer() {
            lock.lock()
            producer = pthread_self()
            lock.unlock()
        }

        func record(_ value: Int) -> Prepared {
            lock.lock()
            preparations += 1
            let onProducer = producer.map { pthread_equal($0, pthread_self()) != 0 } ?? false
            lock.unlock()
            if onProducer { preparedOnProducer.signal() }
            return Prepared(value: value, onProducer: onProducer)
        }

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return preparations
        }
    }

    private let log = PreparationLog()

    /// Semaphores that hold up the preparation of one element.
    private struct Gate {
        var value: Int
        /// Signalled when the preparation of `value` starts.
        let entered = DispatchSemaphore(value: 0)
        /// Waited for before the preparation of `value` goes on.
        let release = DispatchSemaphore(value: 0)
    }

    private func makeQueue(capacity: Int, gate: Gate? = nil) -> PreparingQueue<Int, Prepared> {
        let log = log
        return PreparingQueue(capacity: capacity) { value in
            if let gate, value == gate.value {
                gate.entered.signal()
                gate.release.wait()
            }
            return log.record(value)
        }
    }

    /// Puts `values` on a producer thread, calling `beforePut` before each, and closes the queue at
    /// the end when `close` is true. Returns the results of the `put` calls, available once they are done.
    @discardableResult
    private func startProducer(
        _ queue: PreparingQueue<Int, Prepared>, values: [Int], close: Bool = true,
        beforePut: @escaping @Sendable () -> Void = {}
    ) -> ThreadOutcome {
        let log = log
        let results = ThreadOutcome()
        let thread = Thread {
            log.markCurrentThreadAsProducer()
            var accepted: [Bool] = []
            for value in values {
                beforePut()
                accepted.append(queue.put(value))
            }
            if close { queue.close() }
            results.finish(accepted)
        }
        thread.start()
        return results
    }

    /// What a test thread returned (the results of its `put` calls, say), available once it has finished.
    private final class ThreadOutcome: @unchecked Sendable {
        private let condition = NSCondition()
        private var accepted: [Bool]?

        func finish(_ results: [Bool]) {
            condition.lock()
            accepted = results
            condition.broadcast()
            condition.unlock()
        }

        func wait() -> [Bool] {
            condition.lock()
            defer { condition.unlock() }
            while accepted == nil { condition.wait() }
            return accepted ?? []
        }
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
        log.preparedOnProducer.wait()
        let received = Self.drain(queue, pause: 0.002)
        #expect(received.map(\.value) == Array(1...40))
        #expect(received.contains { $0.onProducer })
        #expect(log.count == 40)
    }

    @Test func slowProducerLeavesThePreparationToTheConsumer() {
        let queue = makeQueue(capacity: 2)
        startProducer(queue, values: Array(1...20)) { Thread.sleep(forTimeInterval: 0.005) }
        let received = Self.drain(queue)
        #expect(received.map(\.value) == Array(1...20))
        // The queue fills only while the consumer is not scheduled, so the consumer prepares some.
        #expect(received.contains { !$0.onProducer })
        #expect(log.count == 20)
    }

    @Test func consumerWaitsForTheProducersPreparation() {
        let gate = Gate(value: 1)
        let queue = makeQueue(capacity: 1, gate: gate)
        // The second put finds the queue full and prepares element 1, which waits at the gate.
        startProducer(queue, values: [1, 2])
        gate.entered.wait()
        let consumer = ThreadOutcome()
        let received = LockedValues()
        Thread {
            received.set(Self.drain(queue))
            consumer.finish([])
        }.start()
        // Give the consumer time to take element 1 and wait for its preparation.
        Thread.sleep(forTimeInterval: 0.05)
        gate.release.signal()
        _ = consumer.wait()
        #expect(received.values.map(\.value) == [1, 2])
        #expect(received.values.first?.onProducer == true)
        #expect(log.count == 2)
    }

    @Test func closingStopsAWaitingProducer() {
        let queue = makeQueue(capacity: 1)
        let results = startProducer(queue, values: [1, 2, 3], close: false)
        // The second put prepares element 1 on the producer, then waits for room.
        log.preparedOnProducer.wait()
        queue.close()
        #expect(results.wait() == [true, false, false])
        #expect(queue.take() == Prepared(value: 1, onProducer: true))
        #expect(queue.take() == nil)
        #expect(log.count == 1)
    }

    /// Elements received on another thread.
    private final class LockedValues: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Prepared] = []

        func set(_ values: [Prepared]) {
            lock.lock()
            stored = values
            lock.unlock()
        }

        var values: [Prepared] {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
