import Testing

@testable import AuthAuditKit

@Suite struct RawBytesLiteralTests {
    private func equals(_ text: String, _ literal: StaticString) -> Bool {
        Array(text.utf8).withUnsafeBytes { $0.equals(literal) }
    }

    @Test func sameBytesAreEqual() {
        #expect(equals("forbid", "forbid"))
    }

    @Test func prefixIsNotEqual() {
        #expect(!equals("forbi", "forbid"))
        #expect(!equals("forbidden", "forbid"))
    }

    @Test func caseMatters() {
        #expect(!equals("Forbid", "forbid"))
    }

    @Test func emptyBytes() {
        #expect(equals("", ""))
        #expect(!equals("", "allow"))
    }
}
