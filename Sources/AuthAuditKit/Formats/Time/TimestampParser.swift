/// Parses RFC 3339 / ISO 8601 date-times into `Timestamp`s without Foundation.
///
/// Accepted shape: `YYYY-MM-DD`, then `T`, `t` or a space, then `hh:mm:ss`, an optional fraction
/// of any length after `.` or `,` (digits beyond microseconds are truncated), and an optional zone:
/// `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`. A missing zone means UTC, because audit tools that drop
/// it (Panther's `2022-11-29 00:09:04.38`) write UTC. Second 60 (a leap second) is accepted and
/// counts as the first second of the next minute.
public enum TimestampParser {
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        if bytes.count == 27, let timestamp = parseMicroUTC(bytes) {
            return timestamp
        }
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip(ASCIIByte.minus),
            let month = reader.number(digits: 2), reader.skip(ASCIIByte.minus),
            let day = reader.number(digits: 2)
        else { return nil }
        let separator = reader.next()
        guard separator == ASCIIByte.upperT || separator == ASCIIByte.lowerT || separator == ASCIIByte.space,
            let hour = reader.number(digits: 2), reader.skip(ASCIIByte.colon),
            let minute = reader.number(digits: 2), reader.skip(ASCIIByte.colon),
            let second = reader.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }

        guard let fraction = reader.fractionMicroseconds(), let zoneOffset = reader.zoneOffsetSeconds(),
            reader.isAtEnd
        else { return nil }

        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - zoneOffset
        return Timestamp(microseconds: seconds * 1_000_000 + fraction)
    }
}

extension TimestampParser {
    /// Parses the one shape the apiserver writes, `2024-05-01T08:00:00.170076Z` (Go's RFC 3339 with
    /// exactly six fraction digits, in UTC), reading fixed positions. Two of these are on every
    /// audit line, and the general reader took about 800 instructions for each. Returns nil for
    /// any other 27 bytes, which the general reader then parses or rejects.
    private static func parseMicroUTC(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard bytes[4] == ASCIIByte.minus, bytes[7] == ASCIIByte.minus, bytes[10] == ASCIIByte.upperT,
            bytes[13] == ASCIIByte.colon, bytes[16] == ASCIIByte.colon, bytes[19] == ASCIIByte.period,
            bytes[26] == ASCIIByte.upperZ
        else { return nil }
        var invalid = false
        func number(_ start: Int, _ count: Int) -> Int64 {
            var value: Int64 = 0
            for index in start..<start + count {
                let digit = bytes[index] &- ASCIIByte.zero
                invalid = invalid || digit > 9
                value = value &* 10 &+ Int64(digit)
            }
            return value
        }
        let year = number(0, 4)
        let month = number(5, 2)
        let day = number(8, 2)
        let hour = number(11, 2)
        let minute = number(14, 2)
        let second = number(17, 2)
        let fraction = number(20, 6)
        guard !invalid, (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Timestamp(microseconds: seconds * 1_000_000 + fraction)
    }
}

/// A forward-only reader over the bytes of one date-time.
private struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func next() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// Reads exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int64? {
        guard offset + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for index in offset..<offset + digits {
            let byte = bytes[index]
            guard ASCIIByte.isDigit(byte) else { return nil }
            value = value * 10 + Int64(byte - ASCIIByte.zero)
        }
        offset += digits
        return value
    }

    /// Reads an optional fraction and returns it in microseconds (0 when absent).
    mutating func fractionMicroseconds() -> Int64? {
        guard offset < bytes.count, bytes[offset] == ASCIIByte.period || bytes[offset] == ASCIIByte.comma else {
            return 0
        }
        offset += 1
        var value: Int64 = 0
        var digits = 0
        while offset < bytes.count, ASCIIByte.isDigit(bytes[offset]) {
            if digits < 6 {
                value = value * 10 + Int64(bytes[offset] - ASCIIByte.zero)
            }
            digits += 1
            offset += 1
        }
        guard digits > 0 else { return nil }
        for _ in min(digits, 6)..<6 { value *= 10 }
        return value
    }

    /// Reads an optional zone designator and returns its offset east of UTC in seconds.
    mutating func zoneOffsetSeconds() -> Int64? {
        guard let designator = next() else { return 0 }
        switch designator {
        case ASCIIByte.upperZ, ASCIIByte.lowerZ:
            return 0
        case ASCIIByte.plus, ASCIIByte.minus:
            guard let hours = number(digits: 2), hours <= 23 else { return nil }
            var minutes: Int64 = 0
            if !isAtEnd {
                _ = skip(ASCIIByte.colon)
                guard let value = number(digits: 2), value <= 59 else { return nil }
                minutes = value
            }
            let seconds = hours * 3_600 + minutes * 60
            return designator == ASCIIByte.minus ? -seconds : seconds
        default:
            return nil
        }
    }
}
