internal import CZlib

/// Streaming gzip decoder that reads every member of a multi-member file, owning one zlib `z_stream`.
///
/// Rotated logs compressed again, `cat a.gz b.gz` and Amazon Data Firehose objects hold several gzip
/// members back to back. zlib's `inflate` returns `Z_STREAM_END` at the end of each member, so this type
/// calls `inflateReset` and decodes the next member from the remaining input. Zero bytes between or after
/// members (padding added by tape and block-oriented tools) are skipped. Any other byte after a member
/// starts a new member, and if it is not a gzip header zlib rejects it and `inflate` reports
/// `InputProblem.corruptGzip`.
///
/// After a problem the inflater produces nothing more: the caller keeps what was inflated so far.
/// NOTE: later intact members of a damaged file are lost, because no search for the next gzip header is made.
final class GzipInflater {
    private enum State {
        /// Before the first member or after the end of one, skipping zero padding.
        case awaitingMember
        /// Inside a member: end of input here means the file is truncated.
        case inMember
        case failed
    }

    /// The result of one `inflate(_:into:)` call.
    struct Step {
        /// Bytes of input used; the caller passes the rest again in the next call.
        var consumed: Int
        /// Bytes written to the start of the output buffer.
        var produced: Int
        /// Set when zlib rejected the data; no further output follows.
        var problem: InputProblem?
    }

    /// The `z_stream` lives at a fixed address because zlib's internal state points back to it
    /// (`inflateStateCheck` in zlib's inflate.c rejects a moved stream).
    private let stream: UnsafeMutablePointer<z_stream>
    private var state = State.awaitingMember

    /// Number of compressed bytes consumed so far, which is the current offset in the compressed file.
    private(set) var compressedOffset: Int64 = 0

    /// Number of gzip members whose trailer has been read.
    private(set) var completedMemberCount = 0

    /// Creates an inflater for gzip data (`windowBits` 15 + 16: gzip header and trailer, 32 KiB window).
    ///
    /// Traps when zlib cannot allocate its state (`inflateInit2` returning `Z_MEM_ERROR`), which only
    /// happens when the process is out of memory.
    init() {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = authaudit_inflateInit2(stream, 15 + 16)
        precondition(code == Z_OK, "inflateInit2 failed with zlib code \(code)")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decodes `input` into `output` until the input is used up, the output is full or zlib rejects the data.
    ///
    /// Crosses member boundaries on its own. Once a problem has been returned, later calls consume
    /// their whole input and produce nothing.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Step {
        var step = Step(consumed: 0, produced: 0)

        while true {
            switch state {
            case .failed:
                step.consumed = input.count
                return step
            case .awaitingMember:
                step.consumed += skipZeroPadding(input, from: step.consumed)
                if step.consumed == input.count {
                    return step
                }
                state = .inMember
            case .inMember:
                break
            }

            if step.consumed == input.count || step.produced == output.count {
                return step
            }

            let code = runInflate(input, output, &step)
            switch code {
            case Z_OK:
                if step.consumed == input.count || step.produced == output.count {
                    return step
                }
            case Z_STREAM_END:
                completedMemberCount += 1
                inflateReset(stream)
                state = .awaitingMember
            case Z_BUF_ERROR:
                // No progress was possible: zlib needs more input (or more room, which the check above rules out).
                return step
            default:
                state = .failed
                step.problem = .corruptGzip(compressedOffset: compressedOffset, message: errorMessage(code: code))
                return step
            }
        }
    }

    /// Returns the problem to report when the compressed input ends here: `truncatedGzip` when a member
    /// was started and its trailer has not been read, otherwise `nil`.
    func finish() -> InputProblem? {
        guard state == .inMember else {
            return nil
        }
        state = .failed
        return .truncatedGzip(compressedOffset: compressedOffset)
    }

    /// Returns the number of zero bytes at `input[start...]`, counting them as consumed.
    private func skipZeroPadding(_ input: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < input.count && input[index] == 0 {
            index += 1
        }
        compressedOffset += Int64(index - start)
        return index - start
    }

    /// Calls zlib's `inflate` once on the unused parts of both buffers and advances `step`.
    private func runInflate(
        _ input: UnsafeRawBufferPointer,
        _ output: UnsafeMutableRawBufferPointer,
        _ step: inout Step
    ) -> Int32 {
        // avail_in and avail_out are 32-bit, so larger buffers are passed in parts over several calls.
        let inputCount = min(input.count - step.consumed, Int(UInt32.max))
        let outputCount = min(output.count - step.produced, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress!.advanced(by: step.consumed).assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(inputCount)
        stream.pointee.next_out = output.baseAddress!.advanced(by: step.produced).assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(outputCount)

        let code = CZlib.inflate(stream, Z_NO_FLUSH)

        let consumed = inputCount - Int(stream.pointee.avail_in)
        step.consumed += consumed
        step.produced += outputCount - Int(stream.pointee.avail_out)
        compressedOffset += Int64(consumed)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        return code
    }

    /// zlib's own message for the failure (for example "invalid distance too far back"), or the code's name.
    private func errorMessage(code: Int32) -> String {
        if let message = stream.pointee.msg {
            return String(cString: message)
        }
        switch code {
        case Z_NEED_DICT: return "preset dictionary required"
        case Z_DATA_ERROR: return "invalid compressed data"
        case Z_MEM_ERROR: return "out of memory"
        case Z_STREAM_ERROR: return "inconsistent stream state"
        default: return "zlib error \(code)"
        }
    }
}

@available(*, unavailable, message: "A z_stream belongs to one thread at a time.")
extension GzipInflater: Sendable {}
