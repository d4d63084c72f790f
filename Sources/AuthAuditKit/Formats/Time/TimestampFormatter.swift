/// Formats `Timestamp`s the way Kubernetes writes `MicroTime`: UTC, `Z`, exactly six fractional
/// digits, for example `2024-08-24T14:27:07.461683Z`.
public enum TimestampFormatter {
    /// The time to the second, `2024-08-24T14:27:07Z`, for messages shown to people.
    public static func formatSeconds(_ timestamp: Timestamp) -> String {
        let text = format(timestamp)
        return String(text.prefix(19)) + "Z"
    }

    public static func format(_ timestamp: Timestamp) -> String {
        let microseconds = timestamp.microseconds
        var seconds = microseconds / 1_000_000
        var fraction = microseconds % 1_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        let date = CivilCalendar.date(days: days)

        var output: [UInt8] = []
        output.reserveCapacity(27)
        append(date.year, digits: 4, to: &output)
        output.append(ASCIIByte.minus)
        append(date.month, digits: 2, to: &output)
        output.append(ASCIIByte.minus)
        append(date.day, digits: 2, to: &output)
        output.append(ASCIIByte.upperT)
        append(secondOfDay / 3_600, digits: 2, to: &output)
        output.append(ASCIIByte.colon)
        append(secondOfDay / 60 % 60, digits: 2, to: &output)
        output.append(ASCIIByte.colon)
        append(secondOfDay % 60, digits: 2, to: &output)
        output.append(ASCIIByte.period)
        append(fraction, digits: 6, to: &output)
        output.append(ASCIIByte.upperZ)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `value` zero-padded to `digits` digits. Years outside 0...9999 print with a sign
    /// or more digits, which no audit log contains but which keeps the output unambiguous.
    private static func append(_ value: Int64, digits: Int, to output: inout [UInt8]) {
        if value < 0 || value >= power(10, digits) {
            output.append(contentsOf: Array(String(value).utf8))
            return
        }
        var divisor = power(10, digits - 1)
        while divisor > 0 {
            output.append(ASCIIByte.zero + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func power(_ base: Int64, _ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= base }
        return result
    }
}
