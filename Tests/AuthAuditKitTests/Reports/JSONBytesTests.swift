import Testing

@testable import AuthAuditKit

@Suite struct JSONBytesTests {
    private func literal(_ value: SQLiteValue) -> String {
        var bytes: [UInt8] = []
        JSONBytes.appendLiteral(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte encoder must write what `JSONText` writes, which stored runs and other renderers use.
    @Test(arguments: [
        SQLiteValue.null, .integer(0), .integer(-42), .integer(Int64.max), .integer(Int64.min), .real(1.5),
        .real(-0.25), .real(.infinity), .real(.nan), .text(""), .text("plain"), .text("quote \" and \\ slash"),
        .text("line\nfeed\r\ttab\u{08}\u{0C}"), .text("\u{01}\u{1F}\u{7F}"), .text("naïve ✓ 😀"),
        .text("\"\"\\"), .blob([]), .blob([0x00, 0xAB, 0xFF]),
    ])
    func literalMatchesJSONText(value: SQLiteValue) {
        #expect(literal(value) == JSONText.literal(value))
    }

    @Test func controlCharacterUsesUnicodeEscape() {
        #expect(literal(.text("a\u{01}b")) == #""a\u0001b""#)
    }
}
