import Glibc

/// The start of a JSON object in the decompressed stream.
struct JSONObjectLocation: Equatable {
    /// The 1-based position among the values the splitter looks for (envelopes or array elements).
    var index: Int
    var offset: Int
    var line: Int
}

/// An object or problem that `JSONValueSplitter` found.
///
/// The bytes of `.object` and `.cutObject` point into the splitter's buffer and are valid only during the
/// call of the handler that receives them.
enum JSONSplitEvent {
    /// A complete object, brackets included.
    case object(UnsafeRawBufferPointer, JSONObjectLocation)
    /// The start of an object that was never closed, handed on so the complete log events in it are kept.
    /// A `.problem` naming the reason follows it.
    case cutObject(UnsafeRawBufferPointer, JSONObjectLocation)
    case problem(EnvelopeProblem, line: Int)
}

/// Finds complete JSON objects in bytes that arrive in chunks of any size, holding only the object being
/// read.
///
/// It tracks strings, escapes and bracket depth without validating the grammar, which the reader of each
/// object does. Bytes outside the objects it looks for are passed over and not kept, so an `events` array
/// of any length costs the memory of one element.
///
/// Each chunk is appended to one buffer that keeps the object being read, so an object is handed on in
/// place, without a copy. The contents of strings, which are most of the bytes of a log delivery, are
/// skipped eight bytes at a time (`JSONStringSkipping`).
struct JSONValueSplitter {
    enum Target: Equatable {
        /// Objects at the top level, back to back or separated by whitespace (subscription envelopes).
        case topLevelObjects
        /// Elements of a top-level array (Logs Insights results).
        case topLevelArrayElements
        /// Elements of the array under `key` in a top-level object (the `events` of a log-events page).
        case memberArrayElements(key: [UInt8])
    }

    static let maximumDepth = 512

    let target: Target
    private let captureDepth: Int
    /// A byte sequence that can only appear where an object starts, because inside a JSON string every quote
    /// is escaped. Seeing it inside an object means that object was cut and a new one begins.
    private let resynchronizationMarker: [UInt8]?

    private var stack: [UInt8] = []
    private var inString = false
    private var isEscaped = false
    private var isCapturing = false
    private var captureLocation = JSONObjectLocation(index: 0, offset: 0, line: 1)
    private var valueCount = 0

    /// The bytes from the start of the object being read (or from the next byte to scan) to the end of the
    /// input so far.
    private var buffer: [UInt8] = []
    /// The stream offset of `buffer[0]`.
    private var bufferOffset = 0
    /// The index in `buffer` of the next byte to scan.
    private var position = 0
    /// The index in `buffer` of the `{` of the object being read.
    private var captureStart = 0
    /// Line numbers are counted lazily: `line` is the line of `buffer[lineCountedUpTo]`.
    private var line = 1
    private var lineCountedUpTo = 0
    /// The index in `buffer` from which the next search for the resynchronization marker starts.
    private var markerSearchStart = 0
    /// The index in `buffer` before which no whole-object decode is tried again.
    private var wholeObjectRetryStart = 0

    // The member of the top-level object being read, for `.memberArrayElements`.
    private var isExpectingKey = false
    private var isReadingKey = false
    private var key: [UInt8] = []
    private var isInTargetMember = false

    /// After an error at the top level, bytes are passed over up to the next `{`.
    private var isSkippingToObject = false
    /// After an error inside an array, the rest of the input is passed over.
    private var hasStopped = false
    /// A number or literal at the depth of the wanted objects, already reported.
    private var isInReportedScalar = false

    init(target: Target, resynchronizationMarker: [UInt8]? = nil) {
        self.target = target
        switch target {
        case .topLevelObjects: captureDepth = 0
        case .topLevelArrayElements: captureDepth = 1
        case .memberArrayElements: captureDepth = 2
        }
        self.resynchronizationMarker = target == .topLevelObjects ? resynchronizationMarker : nil
    }

    /// Decodes an object that runs from one resynchronization marker to the next, found without looking
    /// at its strings. Returns false, having stored nothing, unless the bytes are exactly one valid object;
    /// the splitter then scans them as usual.
    typealias WholeObjectDecoder = (UnsafeRawBufferPointer, JSONObjectLocation) -> Bool

    /// Scans the next chunk and calls `handle` with each object and problem it completes, in input order.
    ///
    /// With a resynchronization marker and `decodeWhole`, an object that starts with the marker and is
    /// followed by the next marker goes to `decodeWhole` first, which saves scanning its strings twice.
    mutating func consume(
        _ chunk: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void,
        decodeWhole: WholeObjectDecoder = { _, _ in false }
    ) {
        guard !hasStopped, chunk.count > 0 else { return }
        // The buffer is moved out while it is scanned, so that reading it and changing the other fields
        // do not overlap.
        var storage: [UInt8] = []
        swap(&storage, &buffer)
        storage.append(contentsOf: chunk)
        storage.withUnsafeBytes { bytes in scan(bytes, handle, decodeWhole: decodeWhole, isAtEnd: false) }
        discardScannedBytes(&storage)
        swap(&storage, &buffer)
    }

    /// Reports an object or document left open by the end of the input, and resets for a new input.
    mutating func finish(_ handle: (JSONSplitEvent) -> Void) {
        let storage = buffer
        storage.withUnsafeBytes { bytes in
            // Bytes held back for a whole-object decode that found no following marker.
            scan(bytes, handle, decodeWhole: { _, _ in false }, isAtEnd: true)
            if isCapturing {
                handle(.cutObject(UnsafeRawBufferPointer(rebasing: bytes[captureStart...]), captureLocation))
                handle(.problem(.objectCut(objectIndex: captureLocation.index), line: captureLocation.line))
            } else if !stack.isEmpty && !hasStopped {
                handle(.problem(.objectCut(objectIndex: valueCount + 1), line: lineNumber(at: bytes.count, in: bytes)))
            }
        }
        self = JSONValueSplitter(target: target, resynchronizationMarker: resynchronizationMarker)
    }

    // MARK: - Scanning

    private mutating func scan(
        _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void, decodeWhole: WholeObjectDecoder,
        isAtEnd: Bool
    ) {
        guard let base = bytes.baseAddress else { return }
        while position < bytes.count && !hasStopped {
            if !isAtEnd && position >= wholeObjectRetryStart && isBetweenObjects {
                switch decodeWholeObject(bytes, decodeWhole) {
                case .decoded: continue
                case .needsMoreInput: return
                // The object is scanned byte by byte from here, which moves `position` on.
                case .scanInstead: wholeObjectRetryStart = position + 1
                }
            }
            let limit = nextMarker(in: bytes) ?? bytes.count
            if position == limit {
                resynchronize(at: limit, bytes, handle)
            }
            while position < limit && !hasStopped {
                if inString && !isReadingKey {
                    skipStringContents(base, limit: limit)
                } else {
                    process(bytes[position], bytes, handle)
                    position += 1
                }
            }
        }
    }

    private enum WholeObjectOutcome {
        case decoded
        /// The object starts with the marker but no marker follows yet.
        case needsMoreInput
        case scanInstead
    }

    private var isBetweenObjects: Bool {
        resynchronizationMarker != nil && stack.isEmpty && !inString && !isSkippingToObject && !isCapturing
    }

    /// Hands the object at `position` to `decodeWhole` when it starts with the marker and the next marker
    /// is in the buffer.
    private mutating func decodeWholeObject(
        _ bytes: UnsafeRawBufferPointer, _ decodeWhole: WholeObjectDecoder
    ) -> WholeObjectOutcome {
        guard let marker = resynchronizationMarker else { return .scanInstead }
        while position < bytes.count, Self.isWhitespace(bytes[position]) {
            position += 1
        }
        guard position + marker.count <= bytes.count else { return .needsMoreInput }
        guard bytes[position..<(position + marker.count)].elementsEqual(marker) else { return .scanInstead }
        let searchStart = max(position + 1, markerSearchStart)
        guard let next = Self.firstIndex(of: marker, in: bytes, from: searchStart) else {
            markerSearchStart = max(searchStart, bytes.count - (marker.count - 1))
            return .needsMoreInput
        }
        var end = next
        while end > position, Self.isWhitespace(bytes[end - 1]) {
            end -= 1
        }
        markerSearchStart = position
        guard bytes[end - 1] == UInt8(ascii: "}") else { return .scanInstead }
        let location = JSONObjectLocation(
            index: valueCount + 1, offset: bufferOffset + position, line: lineNumber(at: position, in: bytes))
        guard decodeWhole(UnsafeRawBufferPointer(rebasing: bytes[position..<end]), location) else {
            return .scanInstead
        }
        valueCount += 1
        position = next
        markerSearchStart = next
        return .decoded
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }

    /// Moves `position` to the byte after the closing quote of the current string, or to `limit`.
    private mutating func skipStringContents(_ base: UnsafeRawPointer, limit: Int) {
        var hasEscapes = false
        guard let quote = JSONStringSkipping.closingQuote(
            in: base, from: position, limit: limit, isEscaped: &isEscaped, hasEscapes: &hasEscapes)
        else {
            position = limit
            return
        }
        inString = false
        position = quote + 1
    }

    /// Finds the next resynchronization marker at or after `position` and returns its index, or nil
    /// when there is none or no marker is set.
    private mutating func nextMarker(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let marker = resynchronizationMarker else { return nil }
        let start = max(markerSearchStart, position)
        guard start < bytes.count else { return nil }
        guard let index = Self.firstIndex(of: marker, in: bytes, from: start) else {
            // A marker may straddle this chunk and the next one.
            markerSearchStart = max(start, bytes.count - (marker.count - 1))
            return nil
        }
        markerSearchStart = index
        return index
    }

    /// Finds `pattern` by looking for its first byte with `memchr`. Inside the JSON strings of a delivery
    /// the marker's `{` is followed by `\"`, not `"`, so most candidates fail on the second byte.
    private static func firstIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let base = bytes.baseAddress!
        let last = bytes.count - pattern.count
        var from = start
        while from <= last, let found = memchr(base + from, Int32(pattern[0]), last + 1 - from) {
            let candidate = base.distance(to: UnsafeRawPointer(found))
            if pattern.withUnsafeBytes({ memcmp(found, $0.baseAddress!, pattern.count) }) == 0 {
                return candidate
            }
            from = candidate + 1
        }
        return nil
    }

    /// Handles the marker at `index`: inside an object it ends that object as cut, so the marker starts a
    /// new one.
    private mutating func resynchronize(
        at index: Int, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void
    ) {
        markerSearchStart = index + 1
        guard isCapturing && captureStart < index else { return }
        handle(.cutObject(UnsafeRawBufferPointer(rebasing: bytes[captureStart..<index]), captureLocation))
        handle(.problem(.objectCut(objectIndex: captureLocation.index), line: captureLocation.line))
        isCapturing = false
        stack.removeAll(keepingCapacity: true)
        inString = false
        isEscaped = false
        isInReportedScalar = false
        isSkippingToObject = false
    }

    /// Drops the bytes that no object needs any more, keeping the object being read.
    private mutating func discardScannedBytes(_ storage: inout [UInt8]) {
        let keep = isCapturing ? captureStart : position
        // Moving a large partial object on every chunk would cost its size each time, so the front is
        // dropped only once it is at least half of the buffer.
        guard keep > 0, keep == storage.count || keep * 2 >= storage.count else { return }
        storage.withUnsafeBytes { _ = lineNumber(at: keep, in: $0) }
        if keep == storage.count {
            storage.removeAll(keepingCapacity: true)
        } else {
            storage.removeSubrange(0..<keep)
        }
        bufferOffset += keep
        position -= keep
        captureStart -= keep
        lineCountedUpTo -= keep
        markerSearchStart = max(0, markerSearchStart - keep)
        wholeObjectRetryStart = max(0, wholeObjectRetryStart - keep)
    }

    /// Returns the 1-based line of `bytes[index]`; `index` must not go backwards between calls.
    private mutating func lineNumber(at index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        let base = bytes.baseAddress
        while lineCountedUpTo < index, let base {
            guard let found = memchr(base + lineCountedUpTo, Int32(UInt8(ascii: "\n")), index - lineCountedUpTo) else {
                lineCountedUpTo = index
                break
            }
            line += 1
            lineCountedUpTo = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return line
    }

    // MARK: - One byte outside the contents of a string

    private mutating func process(
        _ byte: UInt8, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void
    ) {
        if inString {
            processKeyByte(byte)
            return
        }
        if isSkippingToObject {
            guard byte == UInt8(ascii: "{") else { return }
            isSkippingToObject = false
        }

        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            open(byte, bytes, handle)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            close(byte, bytes, handle)
        case UInt8(ascii: "\""):
            startString(bytes, handle)
        case UInt8(ascii: ","):
            isInReportedScalar = false
            if case .memberArrayElements = target, stack.count == 1 {
                isExpectingKey = true
                isInTargetMember = false
            }
        case UInt8(ascii: ":"):
            if stack.count == 1 {
                isExpectingKey = false
            }
        default:
            if stack.isEmpty {
                rejectTopLevelByte(byte, bytes, handle)
            } else if isAtWantedElement && !isInReportedScalar {
                isInReportedScalar = true
                reportNonObjectElement(bytes, handle)
            }
        }
    }

    /// Reads one byte of a member name of the top-level object, which `.memberArrayElements` compares.
    private mutating func processKeyByte(_ byte: UInt8) {
        if isEscaped {
            isEscaped = false
        } else if byte == UInt8(ascii: "\\") {
            isEscaped = true
        } else if byte == UInt8(ascii: "\"") {
            inString = false
            isReadingKey = false
            if case .memberArrayElements(let wanted) = target {
                isInTargetMember = key == wanted
            }
            return
        }
        if key.count <= 64 {
            key.append(byte)
        }
    }

    private mutating func startString(_ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void) {
        if stack.isEmpty {
            rejectTopLevelByte(UInt8(ascii: "\""), bytes, handle)
            if hasStopped || isSkippingToObject { return }
        } else if isAtWantedElement {
            reportNonObjectElement(bytes, handle)
        }
        inString = true
        if stack.count == 1 && isExpectingKey {
            isReadingKey = true
            key.removeAll(keepingCapacity: true)
        }
    }

    private mutating func open(_ byte: UInt8, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void) {
        if stack.isEmpty {
            let expected: UInt8 = target == .topLevelArrayElements ? UInt8(ascii: "[") : UInt8(ascii: "{")
            guard byte == expected else {
                rejectTopLevelByte(byte, bytes, handle)
                return
            }
        }
        if stack.count == captureDepth && isAtWantedElement {
            if byte == UInt8(ascii: "{") {
                valueCount += 1
                isCapturing = true
                captureStart = position
                captureLocation = JSONObjectLocation(
                    index: valueCount, offset: bufferOffset + position, line: lineNumber(at: position, in: bytes))
            } else {
                reportNonObjectElement(bytes, handle)
            }
        }
        guard stack.count < Self.maximumDepth else {
            abandon(.nestingTooDeep, bytes, handle)
            return
        }
        stack.append(byte)
        if stack.count == 1 {
            isExpectingKey = byte == UInt8(ascii: "{")
            isInTargetMember = false
        }
    }

    private mutating func close(_ byte: UInt8, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void) {
        let opening: UInt8 = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
        guard stack.last == opening else {
            abandon(.mismatchedBracket(byte), bytes, handle)
            return
        }
        stack.removeLast()
        isInReportedScalar = false
        if isCapturing && stack.count == captureDepth {
            handle(.object(UnsafeRawBufferPointer(rebasing: bytes[captureStart...position]), captureLocation))
            isCapturing = false
        }
    }

    /// Whether a value starting now is one of the wanted elements.
    private var isAtWantedElement: Bool {
        switch target {
        case .topLevelObjects:
            return stack.isEmpty
        case .topLevelArrayElements:
            return stack.count == 1 && stack[0] == UInt8(ascii: "[")
        case .memberArrayElements:
            return stack.count == 2 && stack[1] == UInt8(ascii: "[") && isInTargetMember
        }
    }

    // MARK: - Errors and recovery

    private mutating func reportNonObjectElement(
        _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void
    ) {
        valueCount += 1
        handle(.problem(.elementNotAnObject(objectIndex: valueCount), line: lineNumber(at: position, in: bytes)))
    }

    private mutating func rejectTopLevelByte(
        _ byte: UInt8, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void
    ) {
        let expected = target == .topLevelArrayElements ? "'[' starting a JSON array" : "'{' starting an object"
        handle(.problem(.unexpectedByte(byte, expected: expected), line: lineNumber(at: position, in: bytes)))
        if target == .topLevelObjects {
            isSkippingToObject = true
        } else {
            hasStopped = true
        }
    }

    /// Hands on the object being read as cut, then skips to the next top-level object or stops.
    private mutating func abandon(
        _ problem: EnvelopeProblem, _ bytes: UnsafeRawBufferPointer, _ handle: (JSONSplitEvent) -> Void
    ) {
        if isCapturing {
            handle(.cutObject(UnsafeRawBufferPointer(rebasing: bytes[captureStart...position]), captureLocation))
        }
        handle(.problem(problem, line: lineNumber(at: position, in: bytes)))
        isCapturing = false
        stack.removeAll()
        inString = false
        isEscaped = false
        if target == .topLevelObjects {
            isSkippingToObject = true
        } else {
            hasStopped = true
        }
    }
}
