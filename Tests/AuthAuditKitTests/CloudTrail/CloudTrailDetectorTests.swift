import Testing

@testable import AuthAuditKit

@Suite struct CloudTrailDetectorTests {
    private func looksLikeCloudTrail(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { CloudTrailDetector.looksLikeCloudTrail(prefix: $0) }
    }

    private func looksLikeCloudTrail(_ text: String) -> Bool {
        looksLikeCloudTrail(Array(text.utf8))
    }

    @Test func s3DeliveryPrefix() throws {
        let bytes = try CloudTrailFixtures.bytes(CloudTrailFixtures.s3Path)

        #expect(looksLikeCloudTrail(bytes))
        #expect(looksLikeCloudTrail(Array(bytes.prefix(1024))))
    }

    @Test func jsonLinesPrefix() throws {
        let bytes = try CloudTrailFixtures.bytes(CloudTrailFixtures.jsonLinesPath)

        #expect(looksLikeCloudTrail(Array(bytes.prefix(64 * 1024))))
        #expect(looksLikeCloudTrail(Array(bytes.prefix(2000))))
    }

    @Test func prettyRecordWithKeysAfterUserIdentity() {
        let text = """
            \u{FEFF}
            {
                "userIdentity": {"type": "IAMUser", "userName": "deploy-bot"},
                "eventSource": "sts.amazonaws.com",
                "eventVersion": "1.08",
                "eventName": "AssumeRole"
            """

        #expect(looksLikeCloudTrail(text))
    }

    @Test func otherJSONIsNotCloudTrail() throws {
        let audit = try CloudTrailFixtures.bytes(Fixtures.path("corpus/audit2rbac/demo-v1-relabelled.log"))

        #expect(!looksLikeCloudTrail(Array(audit.prefix(64 * 1024))))
        #expect(!looksLikeCloudTrail(#"{"Records":[]}"#))
        #expect(!looksLikeCloudTrail(#"{"Records":[{"eventVersion":"1.08"}]}"#))
        #expect(!looksLikeCloudTrail(#"{"eventVersion":"1.08","awsRegion":"eu-west-2"}"#))
        #expect(!looksLikeCloudTrail(#"{"level":"info","msg":"access granted","eventSource":"x"}"#))
        #expect(!looksLikeCloudTrail("kind: ConfigMap\n"))
        #expect(!looksLikeCloudTrail(""))
    }
}
