/// A decoded JSON value of the small CloudTrail objects that role assumptions are read from
/// (`userIdentity`, `requestParameters`, `responseElements`).
///
/// Numbers keep their text. Objects keep the last value of a duplicate key, as Go's and Java's decoders do.
enum CloudTrailJSONValue: Equatable {
    case object([String: CloudTrailJSONValue])
    case array([CloudTrailJSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    subscript(key: String) -> CloudTrailJSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value at a path of object keys, for example `["credentials", "accessKeyId"]`.
    subscript(path: [String]) -> CloudTrailJSONValue? {
        var value: CloudTrailJSONValue? = self
        for key in path { value = value?[key] }
        return value
    }

    /// The text of a non-empty string; CloudTrail writes `""` for some absent values (`accessKeyId` of IAM users).
    var nonEmptyString: String? {
        if case .string(let text) = self, !text.isEmpty { return text }
        return nil
    }

    /// The integer of a number, or of a string holding only digits (some records quote `durationSeconds`).
    var integer: Int? {
        switch self {
        case .number(let text), .string(let text): Int(text)
        default: nil
        }
    }
}

extension JSONCursor {
    /// Decodes the value at the cursor into a tree.
    mutating func decodeCloudTrailValue() throws -> CloudTrailJSONValue {
        skipWhitespace()
        switch peek() {
        case ASCIIByte.quote:
            return .string(decode(try scanString()))
        case ASCIIByte.openBrace:
            var members: [String: CloudTrailJSONValue] = [:]
            try scanObject { cursor, key in
                members[cursor.decode(key)] = try cursor.decodeCloudTrailValue()
            }
            return .object(members)
        case ASCIIByte.openBracket:
            var elements: [CloudTrailJSONValue] = []
            try scanArray { cursor, _ in
                elements.append(try cursor.decodeCloudTrailValue())
            }
            return .array(elements)
        case ASCIIByte.lowerT:
            try scanLiteral("true")
            return .bool(true)
        case ASCIIByte.lowerF:
            try scanLiteral("false")
            return .bool(false)
        case ASCIIByte.lowerN:
            try scanLiteral("null")
            return .null
        default:
            let start = offset
            try skipValue()
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
        }
    }
}
