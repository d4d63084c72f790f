import Testing

@testable import AuthAuditKit

@Suite struct HTMLTextTests {
    @Test func escapesMarkupCharacters() {
        #expect(HTMLText.escaped("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
    }

    @Test func escapesAlreadyEscapedText() {
        #expect(HTMLText.escaped("&amp;") == "&amp;amp;")
    }

    @Test func keepsUnicodeAndWhitespace() {
        #expect(HTMLText.escaped("Zoë 日本\tx\ny") == "Zoë 日本\tx\ny")
    }

    @Test func normalizesCarriageReturns() {
        #expect(HTMLText.escaped("a\r\nb\rc\n\rd") == "a\nb\nc\n\nd")
    }

    @Test func showsControlCharactersVisibly() {
        #expect(HTMLText.escaped("\u{1B}[31m\u{0}\u{7F}\u{85}") == "\\x1b[31m\\x00\\x7f\\x85")
    }

    @Test func showsXMLNoncharactersVisibly() {
        #expect(HTMLText.escaped("a\u{FFFE}b") == "a\\xfffeb")
    }
}
