import Testing

@testable import AuthAuditKit

@Suite struct FollowLineSplitterTests {
    /// Splits `text` in chunks of `chunkSize` bytes and returns the lines, the offsets and the other events.
    private func split(_ text: String, chunkSize: Int, maximumLineLength: Int = 100) -> [String] {
        var splitter = FollowLineSplitter(maximumLineLength: maximumLineLength)
        var events: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            bytes[offset..<end].withUnsafeBytes { chunk in
                splitter.split(chunk, at: Int64(offset)) { events.append(describe($0)) }
            }
            offset = end
        }
        splitter.finish(endOffset: Int64(bytes.count)) { events.append(describe($0)) }
        return events
    }

    private func describe(_ event: FollowLineSplitter.Event) -> String {
        switch event {
        case .line(let bytes, let endOffset): "\(String(decoding: bytes, as: UTF8.self))@\(endOffset)"
        case .zeroBytesSkipped(let offset, let count): "zeros \(offset)+\(count)"
        case .lineTooLong(let endOffset, let length): "long \(length)@\(endOffset)"
        }
    }

    @Test(arguments: [1, 2, 3, 100])
    func crlfAndFinalLineAtAnySplit(chunkSize: Int) {
        #expect(split("a\r\nbb\n\r\nc\r", chunkSize: chunkSize) == ["a@3", "bb@6", "@8", "c\r@10"])
    }

    @Test(arguments: [1, 4, 100])
    func zeroBytesSkippedAtLineStart(chunkSize: Int) {
        #expect(split("\0\0\0\0a\0b\n\0\0c\n", chunkSize: chunkSize) == ["zeros 0+4", "a\0b@8", "zeros 8+2", "c@12"])
    }

    @Test(arguments: [1, 3, 100])
    func tooLongLineSkipped(chunkSize: Int) {
        #expect(
            split("ok\n123456\r\nok2\n", chunkSize: chunkSize, maximumLineLength: 5) == ["ok@3", "long 6@11", "ok2@15"])
    }
}
