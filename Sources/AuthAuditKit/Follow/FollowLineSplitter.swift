import Glibc

/// Splits the bytes of one followed file into complete lines, holding a partial last line until its
/// newline arrives.
///
/// Line ends are those of `LineBatchReader`: a `\n`, with a `\r` right before it dropped. Zero bytes at
/// the start of a line are passed over: a writer that kept its offset across a truncation leaves a hole of
/// zeros, and no log line starts with a zero byte. A line longer than `maximumLineLength` is dropped as
/// soon as it passes the maximum and reported when its newline arrives.
struct FollowLineSplitter {
    enum Event {
        case line([UInt8], endOffset: Int64)
        case zeroBytesSkipped(offset: Int64, count: Int64)
        case lineTooLong(endOffset: Int64, length: Int)
    }

    let maximumLineLength: Int

    /// The bytes of the unfinished line.
    private var pending: [UInt8] = []
    /// The length dropped so far of an unfinished line that passed the maximum.
    private var skippedLength: Int?
    private var skippedEndsWithCarriageReturn = false
    /// The start and length of a run of zero bytes not yet reported.
    private var zeroRun: (offset: Int64, count: Int64)?

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Whether bytes of an unfinished line are held.
    var hasPartialLine: Bool {
        !pending.isEmpty || skippedLength != nil
    }

    /// Splits `chunk`, whose first byte is at content offset `offset`, and passes each event to `emit`.
    mutating func split(_ chunk: UnsafeRawBufferPointer, at offset: Int64, _ emit: (Event) -> Void) {
        guard let base = chunk.baseAddress else {
            return
        }
        var index = 0
        while index < chunk.count {
            if pending.isEmpty && skippedLength == nil {
                index = skipZeroBytes(chunk, from: index, at: offset)
                if index == chunk.count {
                    return
                }
                flushZeroRun(emit)
            }

            guard let newline = memchr(base + index, 0x0A, chunk.count - index) else {
                addUnfinished(UnsafeRawBufferPointer(rebasing: chunk[index...]))
                return
            }
            let newlineIndex = base.distance(to: newline)
            addUnfinished(UnsafeRawBufferPointer(rebasing: chunk[index..<newlineIndex]))
            finishLine(endOffset: offset + Int64(newlineIndex) + 1, endsWithNewline: true, emit)
            index = newlineIndex + 1
        }
    }

    /// Reports a pending run of zero bytes and delivers the unfinished line, if any, as a line ending at
    /// `endOffset`. Called only for a file whose content is final.
    mutating func finish(endOffset: Int64, _ emit: (Event) -> Void) {
        flushZeroRun(emit)
        if hasPartialLine {
            finishLine(endOffset: endOffset, endsWithNewline: false, emit)
        }
    }

    /// Drops the unfinished line, for a file that is read again from the start.
    mutating func reset() {
        pending.removeAll()
        skippedLength = nil
        skippedEndsWithCarriageReturn = false
        zeroRun = nil
    }

    /// Passes over zero bytes from `index` and returns the index of the first other byte.
    private mutating func skipZeroBytes(_ chunk: UnsafeRawBufferPointer, from index: Int, at offset: Int64) -> Int {
        var end = index
        while end < chunk.count && chunk[end] == 0 {
            end += 1
        }
        if end > index {
            let count = Int64(end - index)
            if let run = zeroRun {
                zeroRun = (run.offset, run.count + count)
            } else {
                zeroRun = (offset + Int64(index), count)
            }
        }
        return end
    }

    private mutating func flushZeroRun(_ emit: (Event) -> Void) {
        if let run = zeroRun {
            emit(.zeroBytesSkipped(offset: run.offset, count: run.count))
            zeroRun = nil
        }
    }

    private mutating func addUnfinished(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else {
            return
        }
        if let skipped = skippedLength {
            skippedLength = skipped + bytes.count
            skippedEndsWithCarriageReturn = bytes.last == 0x0D
            return
        }
        pending.append(contentsOf: bytes)
        // One byte over the maximum is allowed for a `\r` that a following `\n` would drop.
        if pending.count > maximumLineLength + 1 {
            skippedLength = pending.count
            skippedEndsWithCarriageReturn = pending.last == 0x0D
            pending.removeAll()
        }
    }

    /// Ends the unfinished line. A `\r` is dropped only when a newline follows it.
    private mutating func finishLine(endOffset: Int64, endsWithNewline: Bool, _ emit: (Event) -> Void) {
        if let skipped = skippedLength {
            let droppedCarriageReturn = endsWithNewline && skippedEndsWithCarriageReturn
            emit(.lineTooLong(endOffset: endOffset, length: skipped - (droppedCarriageReturn ? 1 : 0)))
            skippedLength = nil
            skippedEndsWithCarriageReturn = false
            return
        }
        var line = pending
        pending.removeAll(keepingCapacity: true)
        if endsWithNewline && line.last == 0x0D {
            line.removeLast()
        }
        if line.count > maximumLineLength {
            emit(.lineTooLong(endOffset: endOffset, length: line.count))
        } else {
            emit(.line(line, endOffset: endOffset))
        }
    }
}
