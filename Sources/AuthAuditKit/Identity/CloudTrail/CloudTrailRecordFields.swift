/// The top-level members of one CloudTrail record that decide what the record is, read without decoding the
/// rest: the three objects a role assumption is built from stay byte ranges until the record turns out to be one.
struct CloudTrailRecordFields {
    var eventVersion: String?
    var eventSource: String?
    var eventName: String?
    var eventTime: String?
    var eventID: String?
    var errorCode: String?
    var userIdentity: JSONValueRange?
    var requestParameters: JSONValueRange?
    var responseElements: JSONValueRange?

    var hasAnyRecordKey: Bool {
        eventName != nil || eventSource != nil || eventVersion != nil
    }

    /// Reads the value of one member, or skips it when the key is not one of ours.
    mutating func read(_ key: JSONStringRange, _ cursor: inout JSONCursor) throws {
        if cursor.stringEquals(key, "eventName") {
            eventName = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "eventSource") {
            eventSource = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "eventTime") {
            eventTime = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "eventID") {
            eventID = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "errorCode") {
            errorCode = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "eventVersion") {
            eventVersion = try Self.optionalString(&cursor)
        } else if cursor.stringEquals(key, "userIdentity") {
            userIdentity = try cursor.scanValueRange()
        } else if cursor.stringEquals(key, "requestParameters") {
            requestParameters = try cursor.scanValueRange()
        } else if cursor.stringEquals(key, "responseElements") {
            responseElements = try cursor.scanValueRange()
        } else {
            try cursor.skipValue()
        }
    }

    /// The decoded string at the cursor, or nil after skipping a value of another type.
    private static func optionalString(_ cursor: inout JSONCursor) throws -> String? {
        cursor.skipWhitespace()
        guard cursor.peek() == ASCIIByte.quote, !cursor.isAtEnd else {
            try cursor.skipValue()
            return nil
        }
        return cursor.decode(try cursor.scanString())
    }
}
