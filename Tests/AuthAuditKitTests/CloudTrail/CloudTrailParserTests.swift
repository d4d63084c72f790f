import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct CloudTrailParserTests {
    @Test func s3DeliveryKeepsAssumptions() throws {
        let result = try CloudTrailFixtures.s3Result()

        #expect(result.assumptions.count == 2)
        #expect(result.otherEventCount == 2)
        #expect(result.failedCallCount == 1)
        #expect(result.problems.isEmpty)
        #expect(result.assumptions.map(\.recordIndex) == [0, 3])
    }

    @Test func assumeRoleFields() throws {
        let result = try CloudTrailFixtures.s3Result()
        let assumption = try #require(result.assumptions.first { $0.eventName == .assumeRole })

        #expect(assumption.eventTime == CloudTrailFixtures.time("2024-03-15T09:10:05Z"))
        #expect(assumption.eventID == "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e01")
        #expect(assumption.session.roleARN == CloudTrailFixtures.eksAdminRole)
        #expect(assumption.session.sessionName == "1710493805123456789")
        #expect(
            assumption.session.assumedRoleARN == "arn:aws:sts::111122223333:assumed-role/eks-admin/1710493805123456789")
        #expect(assumption.session.assumedRoleID == "AROA3EXAMPLEEKSADMIN:1710493805123456789")
        #expect(assumption.session.accessKeyID == "ASIA3EXAMPLEALICEEKS")
        #expect(assumption.session.expiration == CloudTrailFixtures.time("2024-03-15T10:10:05Z"))
        #expect(assumption.caller.type == "AssumedRole")
        #expect(
            assumption.caller.arn
                == "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_PlatformAdmin_0a1b2c3d4e5f6789/alice@example.com"
        )
        #expect(assumption.caller.accessKeyID == "ASIA3EXAMPLEALICESSO")
        #expect(assumption.caller.principalID == "AROA3EXAMPLESSOADMIN:alice@example.com")
        #expect(assumption.caller.accountID == "111122223333")
        #expect(assumption.caller.sessionIssuerARN == CloudTrailFixtures.ssoRoleWithPath)
        #expect(assumption.line == 1)
    }

    @Test func samlFields() throws {
        let result = try CloudTrailFixtures.s3Result()
        let login = try #require(result.assumptions.first { $0.eventName == .assumeRoleWithSAML })

        #expect(login.session.roleARN == CloudTrailFixtures.ssoRole)
        #expect(login.session.requestedRoleARN == CloudTrailFixtures.ssoRoleWithPath)
        #expect(login.session.sessionName == "alice@example.com")
        #expect(login.session.durationSeconds == 43200)
        #expect(login.session.expiration == CloudTrailFixtures.time("2024-03-15T21:00:00Z"))
        #expect(login.caller.type == "SAMLUser")
        #expect(login.caller.userName == "alice@example.com")
        #expect(login.caller.federatedSubject == "alice@example.com")
        #expect(login.caller.identityProvider == "AWSSSO_8f1e2d3c4b5a6978_DO_NOT_DELETE")
        #expect(login.validUntil == CloudTrailFixtures.time("2024-03-15T21:00:00Z"))
    }

    @Test func failedCallIgnored() throws {
        let result = try CloudTrailFixtures.s3Result()

        #expect(result.failedCallCount == 1)
        #expect(!result.assumptions.contains { $0.eventID == "6c1f0d8e-2b7a-4c55-9e0f-0a1b2c3d4e04" })
        #expect(!result.assumptions.contains { $0.session.roleARN.hasSuffix("role/break-glass") })
    }

    @Test func jsonLinesKeepGoodRecords() throws {
        let result = try CloudTrailFixtures.jsonLinesResult()

        #expect(result.assumptions.count == 9)
        #expect(result.assumptions.map(\.line) == [1, 2, 3, 4, 5, 6, 8, 9, 10])
        #expect(result.otherEventCount == 0)
        #expect(result.failedCallCount == 0)
    }

    @Test func jsonLinesMalformedRecordDiagnostics() throws {
        let result = try CloudTrailFixtures.jsonLinesResult()
        let diagnostics = result.diagnostics

        #expect(result.problems.count == 2)
        #expect(result.problems.map(\.line) == [7, 11])
        #expect(result.problems.last?.error == .missingField("responseElements.assumedRoleUser.arn"))
        guard case .invalidJSON = result.problems.first?.error else {
            Issue.record("line 7 should be invalid JSON, got \(String(describing: result.problems.first))")
            return
        }
        #expect(result.problems.first?.column == 141)
        #expect(diagnostics.map(\.line) == [7, 11])
        #expect(diagnostics.allSatisfy { $0.source == CloudTrailFixtures.jsonLinesPath })
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func parseLineMatchesWholeParse() throws {
        let bytes = try CloudTrailFixtures.bytes(CloudTrailFixtures.jsonLinesPath)
        var parser = CloudTrailParser(source: CloudTrailFixtures.jsonLinesPath)
        for line in bytes.split(separator: ASCIIByte.lineFeed, omittingEmptySubsequences: false).dropLast() {
            Array(line).withUnsafeBytes { parser.parseLine($0) }
        }
        let whole = try CloudTrailFixtures.jsonLinesResult()

        #expect(parser.result.assumptions == whole.assumptions)
        #expect(parser.result.problems.map(\.line) == whole.problems.map(\.line))
    }

    @Test func webIdentitySubject() throws {
        let result = try CloudTrailFixtures.jsonLinesResult()
        let irsa = try #require(result.assumptions.first { $0.eventName == .assumeRoleWithWebIdentity })

        #expect(irsa.caller.type == "WebIdentityUser")
        #expect(irsa.caller.federatedSubject == "system:serviceaccount:kube-system:aws-load-balancer-controller")
        #expect(irsa.session.roleARN == "arn:aws:iam::111122223333:role/lb-controller")
        #expect(irsa.session.expiration == CloudTrailFixtures.time("2024-03-15T12:05:00Z"))
    }

    @Test func prettyDocumentLocatesBadRecords() {
        let text = """
            {
              "Records": [
                {
                  "eventVersion": "1.08",
                  "eventSource": "ec2.amazonaws.com",
                  "eventName": "DescribeInstances",
                  "eventTime": "2024-03-15T09:00:00Z"
                },
                "not a record",
                {
                  "eventVersion": "1.08",
                  "eventSource": "sts.amazonaws.com",
                  "eventName": "AssumeRole",
                  "eventTime": "yesterday"
                },
                {
                  "awsRegion": "eu-west-2"
                }
              ]
            }
            """
        let result = CloudTrailParser.parse(Array(text.utf8), source: "pretty.json")

        #expect(result.otherEventCount == 1)
        #expect(result.problems.map(\.recordIndex) == [1, 2, 3])
        #expect(result.problems.map(\.line) == [9, 10, 16])
        #expect(result.problems.map(\.error) == [.notAnObject, .invalidEventTime("yesterday"), .notARecord])
    }

    @Test func brokenRecordInDocumentKeepsEarlierRecords() throws {
        let bytes = try CloudTrailFixtures.bytes(CloudTrailFixtures.s3Path)
        let cut = Array(bytes[0..<(bytes.count - 200)])
        let result = CloudTrailParser.parse(cut, source: "cut.json")

        #expect(result.assumptions.count == 2)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.recordIndex == 4)
    }

    @Test func concatenatedDocumentsAndByteOrderMark() throws {
        let bytes = try CloudTrailFixtures.bytes(CloudTrailFixtures.s3Path)
        let doubled = ASCIIByte.byteOrderMark + bytes + Array("\n".utf8) + bytes
        let result = CloudTrailParser.parse(doubled, source: "two.json")

        #expect(result.assumptions.count == 4)
        #expect(result.assumptions.map(\.recordIndex) == [0, 3, 5, 8])
        #expect(result.assumptions.map(\.line) == [1, 1, 2, 2])
        #expect(result.problems.isEmpty)
    }

    @Test(arguments: [
        ("Mar 15, 2024, 9:00:00 PM", "2024-03-15T21:00:00Z"),
        ("Mar 15, 2024 12:05:09 AM", "2024-03-15T00:05:09Z"),
        ("Feb 29, 2024, 12:30:00 PM", "2024-02-29T12:30:00Z"),
        ("2024-03-15T22:00:00Z", "2024-03-15T22:00:00Z"),
    ])
    func expirationForms(text: String, expected: String) {
        #expect(CloudTrailExpiration.parse(text) == CloudTrailFixtures.time(expected))
    }

    @Test(arguments: ["Feb 30, 2024, 1:00:00 PM", "Mar 15, 2024, 13:00:00 PM", "Mar 15, 2024, 9:00:00", "soon"])
    func invalidExpirations(text: String) {
        #expect(CloudTrailExpiration.parse(text) == nil)
    }
}
