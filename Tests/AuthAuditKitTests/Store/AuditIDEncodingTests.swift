import Testing

@testable import AuthAuditKit

@Suite struct AuditIDEncodingTests {
    private func encode(_ text: String) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        let count = Array(text.utf8).withUnsafeBytes { text in
            output.withUnsafeMutableBytes { AuditIDEncoding.encode(text, into: $0) }
        }
        return Array(output.prefix(count))
    }

    @Test func uuidBecomesSixteenBytes() {
        let stored = encode("43017a73-29e0-41a7-84a6-58caa157181f")
        #expect(stored == [0x43, 0x01, 0x7a, 0x73, 0x29, 0xe0, 0x41, 0xa7, 0x84, 0xa6, 0x58, 0xca, 0xa1, 0x57, 0x18, 0x1f])
        #expect(AuditIDEncoding.decode(stored) == "43017a73-29e0-41a7-84a6-58caa157181f")
    }

    @Test func upperCaseUUIDIsTheSameID() {
        #expect(encode("43017A73-29E0-41A7-84A6-58CAA157181F") == encode("43017a73-29e0-41a7-84a6-58caa157181f"))
    }

    @Test(arguments: [
        "43017a73-29e0-41a7-84a6-58caa157181g", "43017a73-29e0-41a7-84a6-58caa157181:",
        "43017a7329e0-41a7-84a6-58caa157181f-", "43017a73 29e0 41a7 84a6 58caa157181f",
        "G3017a73-29e0-41a7-84a6-58caa157181f", "short-id",
    ])
    func otherIDsAreKeptAsText(text: String) {
        #expect(encode(text) == Array(text.utf8))
    }
}
