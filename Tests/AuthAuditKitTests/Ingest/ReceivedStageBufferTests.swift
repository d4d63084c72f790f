import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct ReceivedStageBufferTests {
    private func received(_ index: Int) -> [UInt8] {
        let id = String(format: "00000000-0000-4000-8000-%012d", index)
        return Array(#"{"kind":"Event","auditID":"\#(id)","stage":"RequestReceived","verb":"get"}"#.utf8)
    }

    /// Scans a line and passes its view and key to `body`.
    private func withEvent<T>(_ line: [UInt8], _ body: (AuditEventView, ReceivedStageBuffer.Key) -> T) throws -> T {
        try line.withUnsafeBytes { buffer in
            var result: T?
            try AuditEventScanner.scan(line: buffer) { view in
                result = body(view, ReceivedStageBuffer.key(for: view)!)
            }
            return result!
        }
    }

    @Test func releaseFindsHeldEvent() throws {
        var buffer = ReceivedStageBuffer(capacity: 4)
        let key = try withEvent(received(1)) { view, key in
            _ = buffer.hold(view, key: key, line: 1)
            return key
        }
        let first = buffer.release(key) != nil
        let second = buffer.release(key) != nil
        let remaining = buffer.drain()
        #expect(first)
        #expect(second == false)
        #expect(remaining.isEmpty)
    }

    @Test func overflowEvictsOldestFirst() throws {
        var buffer = ReceivedStageBuffer(capacity: 2)
        var evicted: [[UInt8]] = []
        for index in 1...3 {
            evicted += try withEvent(received(index)) { view, key in buffer.hold(view, key: key, line: 1).map(\.bytes) }
        }
        let remaining = buffer.drain().map(\.bytes)
        #expect(evicted == [received(1)])
        #expect(remaining == [received(2), received(3)])
    }

    @Test func heldRangeOfSharedStorage() throws {
        // Two events in one batch's storage: each held event is its own range, not a copy.
        let storage = received(1) + Array("\n".utf8) + received(2)
        let second = (received(1).count + 1)..<storage.count
        var buffer = ReceivedStageBuffer(capacity: 1)
        let firstKey = try withEvent(received(1)) { _, key in key }
        let secondKey = try withEvent(received(2)) { _, key in key }
        _ = buffer.hold(firstKey, storage: storage, range: 0..<received(1).count, line: 1, users: UserRanges())
        let evicted = buffer.hold(secondKey, storage: storage, range: second, line: 1, users: UserRanges())
        let remaining = buffer.drain()
        #expect(evicted.map(\.bytes) == [received(1)])
        #expect(remaining.map(\.bytes) == [received(2)])
    }

    @Test func orderStaysBoundedWithoutEvictions() throws {
        var buffer = ReceivedStageBuffer(capacity: 4)
        for index in 0..<200 {
            let key = try withEvent(received(index)) { view, key in
                _ = buffer.hold(view, key: key, line: 1)
                return key
            }
            _ = buffer.release(key)
        }
        #expect(buffer.orderCount <= 4)
    }

    @Test func unreleasedEventEvictedByAge() throws {
        // Event 0 never gets a later stage; the others are released at once. Event 0 must still
        // leave after `capacity` newer holds, though the buffer never fills up.
        var buffer = ReceivedStageBuffer(capacity: 2)
        var evicted: [[UInt8]] = []
        _ = try withEvent(received(0)) { view, key in buffer.hold(view, key: key, line: 1) }
        for index in 1...2 {
            let key = try withEvent(received(index)) { view, key in
                evicted += buffer.hold(view, key: key, line: 1).map(\.bytes)
                return key
            }
            _ = buffer.release(key)
        }
        #expect(evicted == [received(0)])
    }

    @Test func hexLengthNonUUIDHasNoKey() throws {
        // 36 characters with dashes in place but a non-hex digit: not a UUID, so not held.
        let line = Array(#"{"auditID":"0000000g-0000-4000-8000-000000000001","stage":"RequestReceived"}"#.utf8)
        let key = try line.withUnsafeBytes { buffer in
            var key: ReceivedStageBuffer.Key?
            try AuditEventScanner.scan(line: buffer) { key = ReceivedStageBuffer.key(for: $0) }
            return key
        }
        #expect(key == nil)
    }

    @Test func nonUUIDHasNoKey() throws {
        let line = Array(#"{"auditID":"not-a-uuid","stage":"RequestReceived"}"#.utf8)
        let key = try line.withUnsafeBytes { buffer in
            var key: ReceivedStageBuffer.Key?
            try AuditEventScanner.scan(line: buffer) { key = ReceivedStageBuffer.key(for: $0) }
            return key
        }
        #expect(key == nil)
    }

    @Test func manyHoldsStayBounded() throws {
        var buffer = ReceivedStageBuffer(capacity: 8)
        for index in 0..<1000 {
            let key = try withEvent(received(index)) { view, key in
                _ = buffer.hold(view, key: key, line: 1)
                return key
            }
            let released = buffer.release(key)
            #expect(released != nil)
        }
        let remaining = buffer.drain()
        #expect(remaining.isEmpty)
    }
}

@Suite struct ReceivedStageBufferDetachTests {
    private static func key(of line: [UInt8]) throws -> ReceivedStageBuffer.Key {
        var key: ReceivedStageBuffer.Key?
        try line.withUnsafeBytes { buffer in
            try AuditEventScanner.scan(line: buffer) { key = ReceivedStageBuffer.key(for: $0) }
        }
        return try #require(key)
    }

    @Test func detachedEventKeepsItsBytesWhenTheStorageIsRefilled() throws {
        let id = "00000000-0000-4000-8000-000000000001"
        let line = Array(#"{"kind":"Event","auditID":"\#(id)","stage":"RequestReceived","verb":"get"}"#.utf8)
        var storage = Array("xx".utf8) + line + Array("yy".utf8)
        let range = 2..<(2 + line.count)
        let key = try Self.key(of: line)
        var buffer = ReceivedStageBuffer(capacity: 4)
        _ = buffer.hold(key, storage: storage, range: range, line: 1, users: UserRanges())

        buffer.detach(from: storage)
        let addressBefore = storage.withUnsafeBytes(\.baseAddress)
        storage.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "z")) }
        let addressAfter = storage.withUnsafeBytes(\.baseAddress)

        let held = buffer.drain()
        #expect(held.map(\.bytes) == [line])
        // Nothing else shared the storage any more, so it was filled in place, not copied.
        #expect(addressBefore == addressAfter)
    }

    @Test func detachLeavesEventsOfOtherStorageShared() throws {
        let id = "00000000-0000-4000-8000-000000000002"
        let line = Array(#"{"kind":"Event","auditID":"\#(id)","stage":"RequestReceived"}"#.utf8)
        let other = line
        let key = try Self.key(of: line)
        var buffer = ReceivedStageBuffer(capacity: 4)
        _ = buffer.hold(key, storage: other, range: other.indices, line: 1, users: UserRanges())

        buffer.detach(from: Array("unrelated".utf8))

        let held = try #require(buffer.drain().first)
        let sharesStorage = held.storage.withUnsafeBytes(\.baseAddress) == other.withUnsafeBytes(\.baseAddress)
        #expect(sharesStorage)
    }
}
