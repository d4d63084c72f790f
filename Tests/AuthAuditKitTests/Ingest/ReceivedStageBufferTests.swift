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
            _ = buffer.hold(view, key: key)
            return key
        }
        let first = buffer.release(key)
        let second = buffer.release(key)
        let remaining = buffer.drain()
        #expect(first)
        #expect(second == false)
        #expect(remaining.isEmpty)
    }

    @Test func overflowEvictsOldestFirst() throws {
        var buffer = ReceivedStageBuffer(capacity: 2)
        var evicted: [[UInt8]] = []
        for index in 1...3 {
            evicted += try withEvent(received(index)) { view, key in buffer.hold(view, key: key) }
        }
        let remaining = buffer.drain()
        #expect(evicted == [received(1)])
        #expect(remaining == [received(2), received(3)])
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
                _ = buffer.hold(view, key: key)
                return key
            }
            let released = buffer.release(key)
            #expect(released)
        }
        let remaining = buffer.drain()
        #expect(remaining.isEmpty)
    }
}
