import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct AuthenticatorLineParserTests {
    /// Parses every line of a fixture under `formats/authenticator/`, keeping nil results.
    private func parseFixture(_ name: String) throws -> [AuthenticatorRecord?] {
        let text = try String(contentsOfFile: Fixtures.path("formats/authenticator/\(name)"), encoding: .utf8)
        return try text.split(separator: "\n").map { try AuthenticatorLineParser.parse(String($0)) }
    }

    private func record(
        _ message: AuthenticatorMessage, _ time: String, level: String, client: String, arn: String? = nil,
        accessKeyID: String? = nil, accountID: String? = nil, sessionName: String? = nil, userID: String? = nil,
        username: String? = nil, uid: String? = nil, groups: [String]? = nil, error: String? = nil,
        stsEndpoint: String? = nil
    ) -> AuthenticatorRecord {
        var record = AuthenticatorRecord(message: message)
        record.time = timestamp(time)
        record.level = level
        record.client = client
        record.arn = arn
        record.accessKeyID = accessKeyID
        record.accountID = accountID
        record.sessionName = sessionName
        record.userID = userID
        record.username = username
        record.uid = uid
        record.groups = groups
        record.error = error
        record.stsEndpoint = stsEndpoint
        return record
    }

    @Test func version01UnmappedMessage() throws {
        let records = try parseFixture("v0.1-text.log")
        #expect(records.count == 3)
        #expect(records[0] == nil)
        #expect(records[1] == record(
            .accessGranted, "2017-12-05T10:16:40Z", level: "info", client: "127.0.0.1:41018",
            arn: "arn:aws:iam::000000000000:role/KubernetesAdmin", username: "kubernetes-admin",
            uid: "heptio-authenticator-aws:000000000000:AROAEXAMPLEADMIN00001", groups: ["system:masters"]))
        #expect(records[2] == record(
            .accessDenied, "2017-12-05T10:17:03Z", level: "warning", client: "127.0.0.1:41022",
            arn: "arn:aws:iam::000000000000:role/Developer", error: "ARN is not mapped"))
    }

    @Test func version03HeptioUIDAndUnmappedARN() throws {
        let records = try parseFixture("v0.3-text.log")
        #expect(records[0]?.uid == "heptio-authenticator-aws:000000000000:AIDAEXAMPLEALICE00001")
        #expect(records[0]?.username == "alice")
        #expect(records[1] == record(
            .accessDenied, "2018-06-11T08:03:45Z", level: "warning", client: "127.0.0.1:50994",
            arn: "arn:aws:iam::000000000000:role/Ops-Admin",
            error: "ARN is not mapped: arn:aws:iam::000000000000:role/ops-admin"))
    }

    @Test func version04STSResponseWithoutAccessKey() throws {
        let records = try parseFixture("v0.4-text.log")
        #expect(records[0] == record(
            .stsResponse, "2019-05-02T12:00:01Z", level: "info", client: "127.0.0.1:33416",
            arn: "arn:aws:sts::000000000000:assumed-role/Developer/jdoe@corp.example", accountID: "000000000000",
            sessionName: "jdoe@corp.example", userID: "AROAEXAMPLEDEV0000001"))
        #expect(records[1]?.groups == ["developers", "viewers"])
        #expect(records[1]?.username == "dev:jdoe-corp.example")
    }

    @Test func version05AccessKeyAndEmptySession() throws {
        let records = try parseFixture("v0.5-text.log")
        #expect(records[0]?.accessKeyID == "ASIAEXAMPLEKEY000001")
        #expect(records[0]?.sessionName == "botocore-session-1615311860")
        #expect(records[1]?.error == "ARN is not mapped")
        #expect(records[1]?.message == .accessDenied)
        #expect(records[2]?.sessionName == "")
        #expect(records[2]?.userID == "AIDAEXAMPLECI00000001")
        #expect(records[2]?.arn == "arn:aws:iam::000000000000:user/ci")
    }

    @Test func eksStsFieldAndTokenErrors() throws {
        let records = try parseFixture("eks-2021-text.log")
        #expect(records[0]?.stsEndpoint == "sts.eu-west-1.amazonaws.com")
        #expect(records[0]?.uid == "heptio-authenticator-aws:000000000000:AIDAEXAMPLEAWSCLI0001")
        #expect(records[1] == record(
            .accessDenied, "2021-08-11T10:10:12Z", level: "warning", client: "127.0.0.1:52856",
            error: "sts getCallerIdentity failed: error from AWS (expected 200, got 403)"))
        #expect(records[2]?.error == "failed mapping username: SessionName did not contain an instance id")
        #expect(records[2]?.stsEndpoint == "sts.ap-northeast-1.amazonaws.com")
        #expect(records[3]?.arn == nil)
        #expect(records[3]?.error?.hasPrefix("input token was not properly formatted: X-Amz-Date") == true)
    }

    @Test func version06StsEndpointAndEmptyGroups() throws {
        let records = try parseFixture("v0.6-text.log")
        #expect(records[0]?.stsEndpoint == "sts.us-east-1.amazonaws.com")
        #expect(records[0]?.sessionName == "jdoe@corp.example")
        #expect(records[1] == record(
            .accessGranted, "2024-12-02T07:30:10Z", level: "info", client: "127.0.0.1:36738",
            arn: "arn:aws:iam::000000000000:role/AWSReservedSSO_Admin_0123456789abcdef",
            username: "adminuser:jdoe-corp.example", uid: "aws-iam-authenticator:000000000000:AROAEXAMPLESSOADMIN01",
            groups: [], stsEndpoint: "sts.us-east-1.amazonaws.com"))
        #expect(records[2]?.error == "Identity is not mapped")
        let tokenError = #"input token was not properly formatted: token is missing expected "k8s-aws-v1." prefix"#
        #expect(records[3]?.error == tokenError)
    }

    @Test func version07LowerCaseUnmappedAndOtherLines() throws {
        let records = try parseFixture("v0.7-text.log")
        #expect(records[0]?.error == "identity is not mapped")
        #expect(records[0]?.stsEndpoint == "sts.eu-central-1.amazonaws.com")
        #expect(records[1] == nil)
    }

    @Test func jsonFormat() throws {
        let records = try parseFixture("json.log")
        #expect(records[0] == record(
            .stsResponse, "2024-12-02T08:00:00Z", level: "info", client: "127.0.0.1:36000",
            arn: "arn:aws:sts::000000000000:assumed-role/Developer/jdoe@corp.example",
            accessKeyID: "ASIAEXAMPLEKEY000004", accountID: "000000000000", sessionName: "jdoe@corp.example",
            userID: "AROAEXAMPLEDEV0000001", stsEndpoint: "sts.us-west-2.amazonaws.com"))
        #expect(records[1]?.groups == ["developers", "system:authenticated"])
        #expect(records[1]?.username == "dev:jdoe@corp.example")
        #expect(records[2]?.error == "sts getCallerIdentity was throttled: Throttling")
        #expect(records[2]?.arn == nil)
        #expect(records[3] == nil)
    }

    @Test func prefixedLines() throws {
        let records = try parseFixture("prefixed.log")
        #expect(records[0]?.message == .accessGranted)
        #expect(records[0]?.username == "kubernetes-admin")
        #expect(records[1]?.error == "ARN is not mapped")
        #expect(records[1]?.time == timestamp("2023-02-14T15:20:30Z"))
        #expect(records[2]?.sessionName == "1676388060123456789")
        #expect(records[2]?.time == timestamp("2023-02-14T15:21:00Z"))
    }

    @Test func terminalFormat() throws {
        let records = try parseFixture("tty.log")
        #expect(records.count == 4)
        #expect(records[0]?.message == .accessGranted)
        #expect(records[0]?.time == nil)
        #expect(records[0]?.groups == ["system:masters"])
        #expect(records[0]?.username == "kubernetes-admin")
        #expect(records[1]?.level == "warning")
        #expect(records[1]?.error == "Identity is not mapped")
        #expect(records[2]?.time == timestamp("2024-12-02T08:10:00Z"))
        #expect(records[2]?.sessionName == "jdoe")
        #expect(records[3] == nil)
    }

    @Test(arguments: [
        #"time="2024-01-01T00:00:00Z" level=info msg="access granted" arn="arn:aws:iam::1:role/x"#,
        #"time="2024-01-01T00:00:00Z" level=info msg="access granted" error="ends in \"#,
        #"time="2024-01-01T00:00:00Z" level=info msg="mapping IAM role" role="unterminated"#,
    ])
    func unterminatedQuoteThrows(line: String) {
        #expect(throws: AuthenticatorLineError.self) { try AuthenticatorLineParser.parse(line) }
    }

    @Test(arguments: [
        (#"time="2024-01-01T00:00:00Z" level=info msg="access granted" arn="a\qb""#,
         AuthenticatorLineError.Reason.invalidEscape, 66),
        (#"time="2024-01-01T00:00:00Z" level=info msg="access granted" garbage"#, .missingEquals, 60),
        (#"time="yesterday" level=info msg="access granted""#, .invalidTimestamp, 5),
        (#"{"msg":"access granted","groups":[1]}"#, .invalidGroups, 34),
    ])
    func malformedLineNamesReasonAndOffset(line: String, reason: AuthenticatorLineError.Reason, offset: Int) {
        do {
            _ = try AuthenticatorLineParser.parse(line)
            Issue.record("expected an error")
        } catch let error as AuthenticatorLineError {
            #expect(error.reason == reason)
            #expect(error.offset == offset)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func invalidJSONThrows() {
        #expect(throws: AuthenticatorLineError.self) {
            try AuthenticatorLineParser.parse(#"{"msg":"access granted","#)
        }
    }

    @Test(arguments: [
        "", "   ", "I0101 00:00:00.000000 1 server.go:42] listening", "plain text with words",
        #"{"kind":"Event","auditID":"x"}"#, "GET /healthz level=3 took 2ms",
    ])
    func unrelatedLinesGiveNil(line: String) throws {
        #expect(try AuthenticatorLineParser.parse(line) == nil)
    }

    @Test func goQuotedEscapesAreDecoded() throws {
        let line = #"level=warning msg="access denied" client="127.0.0.1:1" error="a\tb \u00e9 \x41 \101 \\ \"q\"""#
        #expect(try AuthenticatorLineParser.parse(line)?.error == "a\tb é A A \\ \"q\"")
    }

    @Test func crlfLineEndingIsIgnored() throws {
        let line = "time=\"2024-01-01T00:00:00Z\" level=info msg=\"access granted\" username=bob\r\n"
        #expect(try AuthenticatorLineParser.parse(line)?.username == "bob")
    }
}
