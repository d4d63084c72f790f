/// The start of a JSON object in the decompressed stream.
struct JSONObjectLocation: Equatable {
    /// The 1-based position among the values the splitter looks for (envelopes or array elements).
    var index: Int
    var offset: Int
    var line: Int
}

/// An object or problem that `JSONValueSplitter` found in one chunk.
enum JSONSplitEvent {
    /// A complete object, brackets included.
    case object([UInt8], JSONObjectLocation)
    /// The start of an object that was never closed, handed on so the complete log events in it are kept.
    /// A `.problem` naming the reason follows it.
    case cutObject([UInt8], JSONObjectLocation)
    case problem(EnvelopeProblem, line: Int)
}

/// Finds complete JSON objects in bytes that arrive in chunks of any size, holding only the object being
/// read.
///
/// It tracks strings, escapes and bracket depth without validating the grammar, which the reader of each
/// object does. Bytes outside the objects it looks for are passed over and not kept, so an `events` array
/// of any length costs the memory of one element.
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
    private var capture: [UInt8] = []
    private var isCapturing = false
    private var captureLocation = JSONObjectLocation(index: 0, offset: 0, line: 1)
    private var valueCount = 0
    private var offset = 0
    private var line = 1

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

    private var markerMatchCount = 0
    private var markerLocation = JSONObjectLocation(index: 0, offset: 0, line: 1)
    private var markerStartedInsideObject = false

    init(target: Target, resynchronizationMarker: [UInt8]? = nil) {
        self.target = target
        switch target {
        case .topLevelObjects: captureDepth = 0
        case .topLevelArrayElements: captureDepth = 1
        case .memberArrayElements: captureDepth = 2
        }
        self.resynchronizationMarker = target == .topLevelObjects ? resynchronizationMarker : nil
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into events: inout [JSONSplitEvent]) {
        for byte in chunk {
            if !hasStopped {
                process(byte, &events)
            }
            offset += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
            }
        }
    }

    /// Reports an object or document left open by the end of the input, and resets for a new input.
    mutating func finish(into events: inout [JSONSplitEvent]) {
        if isCapturing {
            events.append(.cutObject(capture, captureLocation))
            events.append(.problem(.objectCut(objectIndex: captureLocation.index), line: captureLocation.line))
        } else if !stack.isEmpty && !hasStopped {
            events.append(.problem(.objectCut(objectIndex: valueCount + 1), line: line))
        }
        self = JSONValueSplitter(target: target, resynchronizationMarker: resynchronizationMarker)
    }

    // MARK: - One byte

    private mutating func process(_ byte: UInt8, _ events: inout [JSONSplitEvent]) {
        if resynchronizationMarker != nil, matchMarker(byte, &events) {
            return
        }
        if isCapturing {
            capture.append(byte)
        }
        if inString {
            processStringByte(byte)
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
            open(byte, &events)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            close(byte, &events)
        case UInt8(ascii: "\""):
            startString(&events)
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
                rejectTopLevelByte(byte, &events)
            } else if isAtWantedElement && !isInReportedScalar {
                isInReportedScalar = true
                reportNonObjectElement(&events)
            }
        }
    }

    private mutating func processStringByte(_ byte: UInt8) {
        if isEscaped {
            isEscaped = false
        } else if byte == UInt8(ascii: "\\") {
            isEscaped = true
        } else if byte == UInt8(ascii: "\"") {
            inString = false
            if isReadingKey {
                isReadingKey = false
                if case .memberArrayElements(let wanted) = target {
                    isInTargetMember = key == wanted
                }
            }
            return
        }
        if isReadingKey && key.count <= 64 {
            key.append(byte)
        }
    }

    private mutating func startString(_ events: inout [JSONSplitEvent]) {
        if stack.isEmpty {
            rejectTopLevelByte(UInt8(ascii: "\""), &events)
            if hasStopped || isSkippingToObject { return }
        } else if isAtWantedElement {
            reportNonObjectElement(&events)
        }
        inString = true
        if stack.count == 1 && isExpectingKey {
            isReadingKey = true
            key.removeAll(keepingCapacity: true)
        }
    }

    private mutating func open(_ byte: UInt8, _ events: inout [JSONSplitEvent]) {
        if stack.isEmpty {
            let expected: UInt8 = target == .topLevelArrayElements ? UInt8(ascii: "[") : UInt8(ascii: "{")
            guard byte == expected else {
                rejectTopLevelByte(byte, &events)
                return
            }
        }
        if stack.count == captureDepth && isAtWantedElement {
            if byte == UInt8(ascii: "{") {
                valueCount += 1
                isCapturing = true
                capture.removeAll(keepingCapacity: true)
                capture.append(byte)
                captureLocation = JSONObjectLocation(index: valueCount, offset: offset, line: line)
            } else {
                reportNonObjectElement(&events)
            }
        }
        guard stack.count < Self.maximumDepth else {
            abandon(.nestingTooDeep, &events)
            return
        }
        stack.append(byte)
        if stack.count == 1 {
            isExpectingKey = byte == UInt8(ascii: "{")
            isInTargetMember = false
        }
    }

    private mutating func close(_ byte: UInt8, _ events: inout [JSONSplitEvent]) {
        let opening: UInt8 = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
        guard stack.last == opening else {
            abandon(.mismatchedBracket(byte), &events)
            return
        }
        stack.removeLast()
        isInReportedScalar = false
        if isCapturing && stack.count == captureDepth {
            events.append(.object(capture, captureLocation))
            isCapturing = false
            capture = []
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

    private mutating func reportNonObjectElement(_ events: inout [JSONSplitEvent]) {
        valueCount += 1
        events.append(.problem(.elementNotAnObject(objectIndex: valueCount), line: line))
    }

    private mutating func rejectTopLevelByte(_ byte: UInt8, _ events: inout [JSONSplitEvent]) {
        let expected = target == .topLevelArrayElements ? "'[' starting a JSON array" : "'{' starting an object"
        events.append(.problem(.unexpectedByte(byte, expected: expected), line: line))
        if target == .topLevelObjects {
            isSkippingToObject = true
        } else {
            hasStopped = true
        }
    }

    /// Hands on the object being read as cut, then skips to the next top-level object or stops.
    private mutating func abandon(_ problem: EnvelopeProblem, _ events: inout [JSONSplitEvent]) {
        if isCapturing {
            events.append(.cutObject(capture, captureLocation))
        }
        events.append(.problem(problem, line: line))
        isCapturing = false
        capture = []
        stack.removeAll()
        inString = false
        isEscaped = false
        if target == .topLevelObjects {
            isSkippingToObject = true
        } else {
            hasStopped = true
        }
    }

    /// Follows the resynchronization marker and, when it completes inside an object, ends that object as
    /// cut and starts a new one at the marker. Returns whether the byte was consumed that way.
    private mutating func matchMarker(_ byte: UInt8, _ events: inout [JSONSplitEvent]) -> Bool {
        guard let marker = resynchronizationMarker else { return false }
        if byte != marker[markerMatchCount] {
            markerMatchCount = 0
        }
        guard byte == marker[markerMatchCount] else { return false }
        if markerMatchCount == 0 {
            markerStartedInsideObject = isCapturing
            markerLocation = JSONObjectLocation(index: 0, offset: offset, line: line)
        }
        markerMatchCount += 1
        guard markerMatchCount == marker.count else { return false }
        markerMatchCount = 0
        guard markerStartedInsideObject && isCapturing else { return false }

        // The marker's first bytes are already in `capture`; the cut object ends before them.
        let cutObject = Array(capture.dropLast(marker.count - 1))
        events.append(.cutObject(cutObject, captureLocation))
        events.append(.problem(.objectCut(objectIndex: captureLocation.index), line: captureLocation.line))
        valueCount += 1
        captureLocation = JSONObjectLocation(
            index: valueCount, offset: markerLocation.offset, line: markerLocation.line)
        capture = marker
        stack = [UInt8(ascii: "{")]
        inString = false
        isEscaped = false
        isInReportedScalar = false
        isSkippingToObject = false
        return true
    }
}
