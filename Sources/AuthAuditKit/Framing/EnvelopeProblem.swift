/// A problem found while taking messages out of CloudWatch envelopes, with the data to word it.
enum EnvelopeProblem: Equatable {
    /// A byte that cannot start or continue the expected JSON structure.
    case unexpectedByte(UInt8, expected: String)
    /// A closing bracket that does not match the open one.
    case mismatchedBracket(UInt8)
    /// JSON nested deeper than `JSONValueSplitter.maximumDepth`.
    case nestingTooDeep
    /// An element of `events`, of `logEvents` or of an Insights array that is not an object.
    case elementNotAnObject(objectIndex: Int)
    /// The input ended, or the next envelope began, before this JSON object was closed.
    case objectCut(objectIndex: Int)
    /// A complete object that is not valid JSON; `offset` is from the start of the object.
    case invalidObject(objectIndex: Int, offset: Int, expected: String)
    /// A subscription envelope without a `messageType`, or with one other than `DATA_MESSAGE` and
    /// `CONTROL_MESSAGE`.
    case unknownMessageType(objectIndex: Int, messageType: String?)
    /// A log event without a string or object `message`.
    case missingMessage(objectIndex: Int, eventIndex: Int?)
    /// A line that does not start with the timestamp every line of this shape starts with.
    case missingLineTimestamp
    /// The input ends with a line that has neither a newline nor a complete timestamp.
    case lastLineCut
    /// A line of `aws logs tail` output without a log stream name and message after the timestamp.
    case missingLogStreamName
    /// A line or CSV record above the maximum length, skipped.
    case recordTooLong(length: Int, maximum: Int)
    /// The CSV header row names no `@message` column.
    case missingMessageColumn
    /// A CSV record with fewer fields than the position of the `@message` column needs.
    case missingMessageField(fieldCount: Int, messageColumn: Int)
    /// The input ended inside a quoted CSV field.
    case quotedFieldCut

    var inputProblem: InputProblem {
        switch self {
        case .unexpectedByte(let byte, let expected):
            return .invalidJSON(column: 1, message: "found \(Self.describe(byte)) where \(expected) was expected")
        case .mismatchedBracket(let byte):
            return .invalidJSON(column: 1, message: "\(Self.describe(byte)) does not close the open bracket")
        case .nestingTooDeep:
            return .invalidJSON(column: 1, message: "nesting deeper than \(JSONValueSplitter.maximumDepth) levels")
        case .invalidObject(let index, let offset, let expected):
            return .invalidJSON(column: offset + 1, message: "expected \(expected) in object \(index)")
        case .elementNotAnObject(let index):
            return .invalidDocument(reason: "element \(index) is not a JSON object")
        case .objectCut(let index):
            return .invalidDocument(reason: "object \(index) is cut off before its end; later objects are read")
        case .unknownMessageType(let index, let messageType):
            let found = messageType.map { "\"\($0)\"" } ?? "no messageType"
            return .invalidDocument(
                reason: "envelope \(index) has \(found); expected DATA_MESSAGE or CONTROL_MESSAGE")
        case .missingMessage(let index, let eventIndex):
            let event = eventIndex.map { "log event \($0 + 1) of object \(index)" } ?? "object \(index)"
            return .invalidDocument(reason: "\(event) has no message")
        case .missingLineTimestamp:
            return .invalidDocument(reason: "the line does not start with a CloudWatch timestamp")
        case .lastLineCut:
            return .invalidDocument(reason: "the input ends inside the timestamp of its last line")
        case .missingLogStreamName:
            return .invalidDocument(reason: "the line has no log stream name after its timestamp")
        case .recordTooLong(let length, let maximum):
            return .lineTooLong(length: length, maximum: maximum)
        case .missingMessageColumn:
            return .invalidDocument(reason: "the CSV header names no @message column")
        case .missingMessageField(let fieldCount, let messageColumn):
            return .invalidDocument(
                reason: "the CSV record has \(fieldCount) fields but @message is field \(messageColumn + 1)")
        case .quotedFieldCut:
            return .invalidDocument(reason: "the input ends inside a quoted CSV field")
        }
    }

    /// Whether the problem comes from an input that ends early rather than from malformed content.
    var isCut: Bool {
        switch self {
        case .objectCut, .quotedFieldCut, .lastLineCut: true
        default: false
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
