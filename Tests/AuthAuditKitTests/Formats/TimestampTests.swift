import Testing

@testable import AuthAuditKit

@Suite struct TimestampTests {
    /// 2024-08-24T14:27:07Z in seconds since the epoch.
    static let base: Int64 = 1_724_509_627

    @Test(arguments: [
        ("2024-08-24T14:27:07.461683Z", base * 1_000_000 + 461_683),
        ("2024-08-24T14:27:07Z", base * 1_000_000),
        ("2024-08-24T14:27:07.4Z", base * 1_000_000 + 400_000),
        ("2024-08-24T14:27:07.46Z", base * 1_000_000 + 460_000),
        ("2024-08-24T14:27:07.461683999Z", base * 1_000_000 + 461_683),
        ("2024-08-24T14:27:07.4616839991234Z", base * 1_000_000 + 461_683),
        ("2024-08-24T14:27:07,5Z", base * 1_000_000 + 500_000),
        ("2024-08-24t14:27:07z", base * 1_000_000),
        ("2024-08-24 14:27:07.461683", base * 1_000_000 + 461_683),
        ("2024-08-24T14:27:07", base * 1_000_000),
        ("2024-08-24T16:27:07+02:00", base * 1_000_000),
        ("2024-08-24T09:57:07.000001-04:30", base * 1_000_000 + 1),
        ("2024-08-24T16:27:07+0200", base * 1_000_000),
        ("2024-08-24T16:27:07+02", base * 1_000_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999999Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400_000_000),
        ("2016-12-31T23:59:60Z", 1_483_228_800_000_000),
        // 27 bytes like the apiserver's own form, but not in it: the general reader takes them.
        ("2024-08-24t14:27:07.461683z", base * 1_000_000 + 461_683),
        ("2024-08-24 14:27:07.461683Z", base * 1_000_000 + 461_683),
        ("2024-08-24T14:27:07,461683Z", base * 1_000_000 + 461_683),
        ("2016-12-31T23:59:60.500000Z", 1_483_228_800_500_000),
    ])
    func parsesValidTimestamp(text: String, microseconds: Int64) {
        #expect(TimestampParser.parse(text) == Timestamp(microseconds: microseconds))
    }

    @Test(arguments: [
        "", "2024-08-24", "2024-08-24T14:27", "2024-8-24T14:27:07Z", "2024-08-24X14:27:07Z",
        "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-08-24T24:00:00Z",
        "2024-08-24T14:60:00Z", "2024-08-24T14:27:61Z", "2024-08-24T14:27:07.Z", "2024-08-24T14:27:07ZZ",
        "2024-08-24T14:27:07+2:00", "2024-08-24T14:27:07+02:0", "2024-08-24T14:27:07 UTC", "null",
        "2024-02-30T00:00:00.000000Z", "2023-02-29T00:00:00.000000Z", "2024-08-24T24:00:00.000000Z",
        "2024-08-24T14:27:07.46168xZ", "2024-08-24T14:27:07 461683Z", "2024-08-24T14:27:07.461683+",
        "2024-0a-24T14:27:07.461683Z", "2024-08-24T14:27:07.461683ZZ",
    ])
    func rejectsInvalidTimestamp(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func parsesFromBytes() {
        let bytes = Array("2024-08-24T14:27:07.461683Z".utf8)
        let parsed = bytes.withUnsafeBytes { TimestampParser.parse($0) }
        #expect(parsed == Timestamp(microseconds: Self.base * 1_000_000 + 461_683))
    }

    @Test(arguments: [
        (Self.base * 1_000_000 + 461_683, "2024-08-24T14:27:07.461683Z"),
        (Self.base * 1_000_000, "2024-08-24T14:27:07.000000Z"),
        (0, "1970-01-01T00:00:00.000000Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
    ])
    func formatsSixDigits(microseconds: Int64, text: String) {
        #expect(TimestampFormatter.format(Timestamp(microseconds: microseconds)) == text)
    }

    @Test func formatAndParseRoundTrip() {
        var microseconds: Int64 = -86_400_000_000 * 800
        while microseconds < 86_400_000_000 * 40_000 {
            let value = Timestamp(microseconds: microseconds)
            #expect(TimestampParser.parse(TimestampFormatter.format(value)) == value)
            microseconds += 7_777_777_777_777
        }
    }
}
