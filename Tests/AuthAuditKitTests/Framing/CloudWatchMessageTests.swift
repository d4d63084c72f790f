import Testing

@testable import AuthAuditKit

@Suite struct CloudWatchMessageTests {
    typealias F = EnvelopeFixtures

    @Test func truncatedAuditEventIsFlagged() throws {
        let line = F.auditLines[0]
        let cut = Array(line[..<600]) + Array("[Truncated...]".utf8)
        let result = F.decode(Array(F.dataMessage([cut, F.shortLines[1]]).utf8), as: .subscriptionEnvelopes)
        #expect(result.texts == [cut, F.shortLines[1]])
        let truncation = try #require(result.messages.first?.truncation)
        #expect(truncation.auditID == "ad4f478e-90e2-4b62-b59b-c8154e008498")
        #expect(truncation.stage == "ResponseComplete")
        #expect(truncation.verb == "create")
        #expect(truncation.username == "adminuser-1529910421396702118")
        #expect(result.messages[1].isTruncated == false)
    }

    @Test func truncationCutBeforeAFieldLeavesItNil() throws {
        let cut = Array(#"{"kind":"Event","auditID":"ab[Truncated...]"#.utf8)
        let result = F.decode(F.exportText([cut]), as: .exportLines)
        let truncation = try #require(result.messages.first?.truncation)
        #expect(truncation.auditID == nil)
        #expect(truncation.verb == nil)
    }

    @Test(arguments: [
        ("kube-apiserver-audit-4e9f9d6f9d15381d05d77c5df3f7d329", LogStreamKind.audit),
        ("authenticator-1111222272c52cc05e3177863bdcc12d", .authenticator),
        ("kube-apiserver-4e9f9d6f9d15381d05d77c5df3f7d329", .other),
        ("kube-scheduler-4e9f9d6f9d15381d05d77c5df3f7d329", .other),
        ("kube-controller-manager-4e9f9d6f9d15381d05d77c5df3f7d329", .other),
        ("cloud-controller-manager-4e9f9d6f9d15381d05d77c5df3f7d329", .other),
    ])
    func streamKind(name: String, kind: LogStreamKind) {
        #expect(LogStreamKind(streamName: name) == kind)
    }

    @Test(arguments: [
        ("/aws/eks/demo-cluster/cluster", "demo-cluster"),
        ("/aws/eks/a/cluster", "a"),
        ("/aws/eks//cluster", nil),
        ("/aws/eks/a/b/cluster", nil),
        ("/aws/lambda/fn", nil),
        ("/aws/eks/demo-cluster/other", nil),
    ] as [(String, String?)])
    func clusterName(logGroup: String, expected: String?) {
        #expect(EKSLogGroup.clusterName(fromLogGroup: logGroup) == expected)
    }
}
