/// Tells CloudTrail input apart from the other JSON that authaudit reads, from the first bytes of a file.
public enum CloudTrailDetector {
    /// Whether the prefix starts like CloudTrail: a `Records` array whose first object has `eventVersion` and
    /// `eventSource`, or a record with those keys at the top level (JSON lines, or one pretty-printed record).
    ///
    /// The prefix may end anywhere; the keys only need to appear before it ends. Other keys of the record, such
    /// as `userIdentity`, may come first. Leading whitespace and a UTF-8 byte order mark are skipped.
    public static func looksLikeCloudTrail(prefix: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { start = 3 }
        var cursor = JSONCursor(prefix, offset: start)
        cursor.skipWhitespace()
        guard cursor.peek() == ASCIIByte.openBrace, !cursor.isAtEnd else { return false }

        var keys = RecordKeys()
        // The scan stops with an error where the prefix cuts the text; what was seen before that still counts.
        try? cursor.scanObject { cursor, key in
            cursor.skipWhitespace()
            if cursor.stringEquals(key, "Records"), cursor.peek() == ASCIIByte.openBracket {
                try cursor.scanArray { cursor, index in
                    guard index == 0, cursor.peek() == ASCIIByte.openBrace else { throw StopScan() }
                    try cursor.scanObject { cursor, key in
                        keys.note(key, cursor)
                        if keys.isComplete { throw StopScan() }
                        try cursor.skipValue()
                    }
                    throw StopScan()
                }
            } else {
                keys.note(key, cursor)
                if keys.isComplete { throw StopScan() }
                try cursor.skipValue()
            }
        }
        return keys.isComplete
    }

    private struct StopScan: Error {}

    private struct RecordKeys {
        var hasEventVersion = false
        var hasEventSource = false

        var isComplete: Bool { hasEventVersion && hasEventSource }

        mutating func note(_ key: JSONStringRange, _ cursor: JSONCursor) {
            if cursor.stringEquals(key, "eventVersion") { hasEventVersion = true }
            if cursor.stringEquals(key, "eventSource") { hasEventSource = true }
        }
    }
}
