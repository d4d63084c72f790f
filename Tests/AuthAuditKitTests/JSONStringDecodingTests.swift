import Testing

@testable import AuthAuditKit

@Suite struct JSONStringDecodingTests {
    private func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { JSONStringDecoding.decode($0, hasEscapes: text.contains("\\")) }
    }

    @Test func plainBytesPassThrough() {
        #expect(decode("system:node:ip-10-0-1-2") == "system:node:ip-10-0-1-2")
    }

    @Test func goStyleEscapes() {
        #expect(decode(#"a\u0026b \u003cx\u003e"#) == "a&b <x>")
        #expect(decode(#"say \"hi\"\n"#) == "say \"hi\"\n")
    }

    @Test func surrogatePairJoins() {
        #expect(decode(#"\ud83d\ude00"#) == "😀")
    }

    @Test func loneSurrogateBecomesReplacement() {
        #expect(decode(#"x\ud800y"#) == "x\u{FFFD}y")
    }
}
