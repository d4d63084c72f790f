import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct FileFingerprintTests {
    @Test func copiesHaveEqualFingerprints() throws {
        let directory = try TemporaryDirectory()
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let original = try InputTestSupport.write(bytes, named: "audit.log.1", in: directory)
        let copy = directory.path("copy-of-audit.log.1")
        try FileManager.default.copyItem(atPath: original, toPath: copy)

        #expect(try FileFingerprint(path: original) == FileFingerprint(path: copy))
        #expect(try FileFingerprint(path: original).size == 200_000)
    }

    @Test func headChangeChangesHash() throws {
        let directory = try TemporaryDirectory()
        var bytes = [UInt8](repeating: 0x41, count: 100_000)
        let first = try InputTestSupport.write(bytes, named: "a.log", in: directory)
        bytes[1000] = 0x42
        let second = try InputTestSupport.write(bytes, named: "b.log", in: directory)

        let a = try FileFingerprint(path: first)
        let b = try FileFingerprint(path: second)

        #expect(a.size == b.size)
        #expect(a.headHash != b.headHash)
    }

    @Test func sizeChangeChangesFingerprint() throws {
        let directory = try TemporaryDirectory()
        let bytes = [UInt8](repeating: 0x41, count: 100_000)
        let short = try InputTestSupport.write(bytes, named: "short.log", in: directory)
        let long = try InputTestSupport.write(bytes + [0x0A], named: "long.log", in: directory)

        let a = try FileFingerprint(path: short)
        let b = try FileFingerprint(path: long)

        #expect(a.headHash == b.headHash)
        #expect(a != b)
    }

    @Test func knownFNV1aValues() {
        // Reference values of 64-bit FNV-1a for "" and "a".
        #expect([UInt8]().withUnsafeBytes { FileFingerprint.fnv1a($0) } == 0xcbf2_9ce4_8422_2325)
        #expect(Array("a".utf8).withUnsafeBytes { FileFingerprint.fnv1a($0) } == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func missingFileThrows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent")
        #expect(throws: InputOpenError(path: path, errno: ENOENT)) {
            try FileFingerprint(path: path)
        }
    }
}
