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

    @Test func escapesMarkupBetweenUnicode() {
        #expect(HTMLText.escaped("Zoë & <日本> 'x'") == "Zoë &amp; &lt;日本&gt; &#39;x&#39;")
    }

    @Test func appendsEscapedBytes() {
        var bytes = Array("<td>".utf8)
        HTMLText.appendEscaped("a<b", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "<td>a&lt;b")
    }

    @Test func showsDirectionOverridesVisibly() {
        #expect(HTMLText.escaped("admin\u{202E}resu\u{2028}x") == "admin\\x202eresu\\x2028x")
    }
}
