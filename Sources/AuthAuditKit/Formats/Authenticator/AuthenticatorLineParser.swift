/// Parses the per-request lines of an aws-iam-authenticator server log.
///
/// Three logrus encodings are read: the text form `time="…" level=info msg="access granted" k=v …`
/// (the default), the JSON form `{"level":"info","msg":"access granted",…}` (`--log-format json`)
/// and the coloured TTY form `INFO[0000] access granted   arn=…`. Anything before the logrus part
/// is ignored, which covers `kubectl logs --prefix`, stern's `pod container` prefix and the
/// timestamp of a CloudWatch export line.
public enum AuthenticatorLineParser {
    /// Returns the record of an "STS response", "access granted" or "access denied" line, and
    /// nil for other lines (startup messages, blank lines, text that is not logrus at all).
    ///
    /// Throws `AuthenticatorLineError` when a line is logrus output but malformed, for example a
    /// quoted value that is never closed, even when the message would not have been kept.
    public static func parse(_ line: UnsafeRawBufferPointer) throws -> AuthenticatorRecord? {
        let line = trimmingLineEnd(line)
        let firstByte = line.firstIndex { $0 != ASCIIByte.space && $0 != ASCIIByte.tab }
        guard let firstByte else { return nil }

        if line[firstByte] == ASCIIByte.openBrace {
            return try LogrusJSONReader.fields(line, from: firstByte).record()
        }
        if let start = textStart(line) {
            return try textFields(line, from: start).record()
        }
        if let start = line.firstOccurrence(of: "{\"") {
            return try LogrusJSONReader.fields(line, from: start).record()
        }
        if line.contains(ASCIIByte.escape) {
            let plain = removingColorCodes(line)
            return try plain.withUnsafeBytes { try terminalFields($0)?.record() }
        }
        return try terminalFields(line)?.record()
    }

    public static func parse(_ line: String) throws -> AuthenticatorRecord? {
        var line = line
        return try line.withUTF8 { try parse(UnsafeRawBufferPointer($0)) }
    }

    /// Returns the offset of `time="` or, for a formatter without timestamps, of `level=` when a
    /// `msg=` follows, each at the start of the line or after a space.
    private static func textStart(_ line: UnsafeRawBufferPointer) -> Int? {
        if let time = line.firstOccurrence(of: "time=\"", afterSpace: true) {
            return time
        }
        guard let level = line.firstOccurrence(of: "level=", afterSpace: true),
            let message = line.firstOccurrence(of: "msg=", afterSpace: true), message > level
        else { return nil }
        return level
    }

    private static func textFields(_ line: UnsafeRawBufferPointer, from start: Int) throws -> LogrusFields {
        var reader = LogrusTextReader(bytes: line, offset: start)
        var fields = LogrusFields()
        while let (key, value, valueOffset) = try reader.nextPair() {
            fields.set(key, value, offset: valueOffset)
        }
        return fields
    }

    /// Reads the TTY form: four capital letters of the level, `[seconds since start]` or
    /// `[full timestamp]`, the message padded to 44 columns, then `key=value` pairs.
    private static func terminalFields(_ line: UnsafeRawBufferPointer) throws -> LogrusFields? {
        for (abbreviation, level) in terminalLevels {
            guard let start = line.firstOccurrence(of: abbreviation, afterSpace: true) else { continue }
            var offset = start + 5
            guard let close = line[offset...].firstIndex(of: ASCIIByte.closeBracket) else { return nil }
            var fields = LogrusFields()
            fields.level = level
            let stamp = String(decoding: UnsafeRawBufferPointer(rebasing: line[offset..<close]), as: UTF8.self)
            if stamp.contains("-") {
                fields.time = stamp
                fields.timeOffset = offset
            }
            offset = close + 1
            while offset < line.count, line[offset] == ASCIIByte.space { offset += 1 }

            // Messages contain spaces, so the known ones are matched by prefix.
            let rest = UnsafeRawBufferPointer(rebasing: line[offset...])
            let known = knownMessages.filter { message in
                let length = message.utf8.count
                return rest.hasPrefix(message) && (rest.count == length || rest[length] == ASCIIByte.space)
            }
            guard let message = known.max(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
            fields.message = message
            var reader = LogrusTextReader(bytes: line, offset: offset + message.utf8.count)
            while let (key, value, valueOffset) = try reader.nextPair() {
                fields.set(key, value, offset: valueOffset)
            }
            return fields
        }
        return nil
    }

    private static let terminalLevels: [(String, String)] = [
        ("INFO[", "info"), ("WARN[", "warning"), ("ERRO[", "error"), ("FATA[", "fatal"),
        ("PANI[", "panic"), ("DEBU[", "debug"), ("TRAC[", "trace"),
    ]

    static let knownMessages = [
        "STS response", "access granted", "access denied", LogrusFields.unmappedMessageV01,
    ]

    /// Drops ANSI SGR sequences (`ESC [ … m`) that logrus writes around levels and keys on a TTY.
    private static func removingColorCodes(_ line: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            if line[index] == ASCIIByte.escape, index + 1 < line.count, line[index + 1] == ASCIIByte.openBracket {
                index += 2
                while index < line.count, !(0x40...0x7E).contains(line[index]) { index += 1 }
                index += 1
                continue
            }
            output.append(line[index])
            index += 1
        }
        return output
    }

    private static func trimmingLineEnd(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = line.count
        while end > 0, [ASCIIByte.lineFeed, ASCIIByte.carriageReturn, ASCIIByte.space].contains(line[end - 1]) {
            end -= 1
        }
        return UnsafeRawBufferPointer(rebasing: line[0..<end])
    }
}

extension UnsafeRawBufferPointer {
    /// The offset of the first occurrence of an ASCII `needle`; with `afterSpace`, only one at the
    /// start or right after a space counts.
    func firstOccurrence(of needle: String, afterSpace: Bool = false) -> Int? {
        let pattern = Array(needle.utf8)
        guard pattern.count <= count else { return nil }
        var start = 0
        while start + pattern.count <= count {
            if self[start] == pattern[0], !afterSpace || start == 0 || self[start - 1] == ASCIIByte.space {
                var index = 1
                while index < pattern.count, self[start + index] == pattern[index] { index += 1 }
                if index == pattern.count { return start }
            }
            start += 1
        }
        return nil
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let pattern = Array(prefix.utf8)
        guard pattern.count <= count else { return false }
        return pattern.indices.allSatisfy { self[$0] == pattern[$0] }
    }
}
