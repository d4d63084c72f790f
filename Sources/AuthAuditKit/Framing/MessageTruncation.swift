/// The fields read from a message that CloudWatch cut at its 256 KiB event limit.
///
/// CloudWatch Logs replaces the end of an oversized event with the literal `[Truncated...]`, so an audit
/// event arrives as invalid JSON. The fields are found by a plain byte search of the text before the cut,
/// so each is nil when the cut came before it or the message is not an audit event.
public struct MessageTruncation: Sendable, Equatable {
    public var auditID: String?
    public var stage: String?
    public var verb: String?
    /// The first `username` in the event, which is `user.username` because the API server writes `user`
    /// before `impersonatedUser` and the request and response bodies.
    public var username: String?

    public init(auditID: String? = nil, stage: String? = nil, verb: String? = nil, username: String? = nil) {
        self.auditID = auditID
        self.stage = stage
        self.verb = verb
        self.username = username
    }

    /// The suffix CloudWatch Logs appends to a cut event.
    static let marker: [UInt8] = Array("[Truncated...]".utf8)

    /// Returns the truncation found in `message`, or nil when it does not end with the marker.
    static func inspect(_ bytes: UnsafeRawBufferPointer) -> MessageTruncation? {
        guard bytes.count >= marker.count, bytes[(bytes.count - marker.count)...].elementsEqual(marker) else {
            return nil
        }
        let message = Array(bytes)
        return MessageTruncation(
            auditID: stringValue(ofKey: "auditID", in: message),
            stage: stringValue(ofKey: "stage", in: message),
            verb: stringValue(ofKey: "verb", in: message),
            username: stringValue(ofKey: "username", in: message))
    }

    /// Finds the first `"key":"value"` in `message` and returns the value when it is complete.
    ///
    /// Values with escapes are not expected for these fields; an escaped quote ends the value early.
    private static func stringValue(ofKey key: String, in message: [UInt8]) -> String? {
        let pattern = Array("\"\(key)\":\"".utf8)
        guard let start = firstIndex(of: pattern, in: message) else { return nil }
        let valueStart = start + pattern.count
        guard let end = message[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: message[valueStart..<end], as: UTF8.self)
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            guard let candidate = bytes[index...last].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }
}
