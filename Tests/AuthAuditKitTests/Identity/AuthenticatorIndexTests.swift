import Testing

@testable import AuthAuditKit

/// Builds authenticator records the way the log parser produces them.
enum AuthenticatorRecords {
    static func sts(
        _ client: String, arn: String, session: String, key: String = "ASIAEXAMPLEKEY000001",
        userID: String = "AROAEXAMPLE", second: Int64 = 0
    ) -> AuthenticatorRecord {
        var record = AuthenticatorRecord(message: .stsResponse)
        record.client = client
        record.arn = arn
        record.sessionName = session
        record.accessKeyID = key
        record.userID = userID
        record.accountID = ARN(arn)?.account
        record.time = Timestamp(seconds: 1_700_000_000 + second)
        return record
    }

    static func granted(_ client: String, arn: String, username: String, groups: [String] = [], second: Int64 = 0)
        -> AuthenticatorRecord
    {
        var record = AuthenticatorRecord(message: .accessGranted)
        record.client = client
        record.arn = arn
        record.username = username
        record.groups = groups
        record.uid = "aws-iam-authenticator:\(ARN(arn)?.account ?? ""):AROAEXAMPLE"
        record.time = Timestamp(seconds: 1_700_000_000 + second)
        return record
    }

    static func denied(_ client: String, arn: String?, error: String) -> AuthenticatorRecord {
        var record = AuthenticatorRecord(message: .accessDenied)
        record.client = client
        record.arn = arn
        record.error = error
        return record
    }
}

@Suite struct AuthenticatorIndexTests {
    private typealias R = AuthenticatorRecords
    private let admin = "arn:aws:iam::111122223333:role/Admin"

    @Test func pairsInterleavedClients() {
        let index = AuthenticatorIndex(records: [
            R.sts(
                "10.0.0.1:1000", arn: "arn:aws:sts::111122223333:assumed-role/Admin/alice", session: "alice", second: 0),
            R.sts("10.0.0.1:2000", arn: "arn:aws:sts::111122223333:assumed-role/Admin/bob", session: "bob", second: 1),
            R.granted("10.0.0.1:2000", arn: admin, username: "admin:bob", second: 1),
            R.granted("10.0.0.1:1000", arn: admin, username: "admin:alice", second: 2),
        ])
        #expect(index.observations(username: "admin:alice").first?.sessionNames == ["alice"])
        #expect(index.observations(username: "admin:bob").first?.sessionNames == ["bob"])
    }

    @Test func reusedClientPairsWithNextDecisionOnly() {
        let index = AuthenticatorIndex(records: [
            R.sts(
                "127.0.0.1:5000", arn: "arn:aws:sts::111122223333:assumed-role/Admin/alice", session: "alice", second: 0
            ),
            R.granted("127.0.0.1:5000", arn: admin, username: "kubernetes-admin", second: 0),
            R.granted("127.0.0.1:5000", arn: admin, username: "kubernetes-admin", second: 60),
            R.sts(
                "127.0.0.1:5000", arn: "arn:aws:sts::111122223333:assumed-role/Admin/bob", session: "bob", second: 120),
            R.granted("127.0.0.1:5000", arn: admin, username: "kubernetes-admin", second: 120),
        ])
        let observation = index.observations(username: "kubernetes-admin").first
        #expect(observation?.sessionNames == ["alice", "bob"])
        #expect(observation?.grantCount == 3)
        #expect(observation?.pairedCount == 2)
        #expect(observation?.firstSeen == Timestamp(seconds: 1_700_000_000))
        #expect(observation?.lastSeen == Timestamp(seconds: 1_700_000_120))
    }

    @Test func mismatchedDecisionIsNotPaired() {
        let index = AuthenticatorIndex(records: [
            R.sts("c:1", arn: "arn:aws:sts::111122223333:assumed-role/Other/eve", session: "eve"),
            R.granted("c:1", arn: admin, username: "admin"),
        ])
        #expect(index.observations(username: "admin").first?.sessionNames == [])
        #expect(index.unpairedSTSResponses == 1)
    }

    @Test func observationFields() {
        let index = AuthenticatorIndex(records: [
            R.sts(
                "c:1", arn: "arn:aws:sts::111122223333:assumed-role/Admin/alice", session: "alice",
                key: "ASIAAAAAAAAAAAAAAAAA", userID: "AROAXYZ"),
            R.granted("c:1", arn: admin, username: "admin", groups: ["system:masters"]),
        ])
        let observation = index.observations(username: "admin").first
        #expect(observation?.canonicalARN == admin)
        #expect(observation?.accountID == "111122223333")
        #expect(observation?.principalID == "AROAXYZ")
        #expect(observation?.accessKeyIDs == ["ASIAAAAAAAAAAAAAAAAA"])
        #expect(observation?.groups == ["system:masters"])
    }

    @Test func uidFilter() {
        let index = AuthenticatorIndex(records: [R.granted("c:1", arn: admin, username: "admin")])
        #expect(index.observations(username: "admin", uid: "aws-iam-authenticator:111122223333:AROAEXAMPLE").count == 1)
        #expect(index.observations(username: "admin", uid: "aws-iam-authenticator:999999999999:AROAOTHER").isEmpty)
    }

    @Test func deniedCountsByARNAndError() {
        let index = AuthenticatorIndex(records: [
            R.denied("c:1", arn: admin, error: "ARN is not mapped"),
            R.denied("c:2", arn: "ARN:AWS:IAM::111122223333:ROLE/ADMIN", error: "identity is not mapped"),
            R.denied("c:3", arn: nil, error: "sts getCallerIdentity failed"),
            R.denied("c:4", arn: admin, error: "ARN is not mapped"),
        ])
        #expect(index.deniedCounts[AccessDeniedKey(arn: admin, error: "ARN is not mapped")] == 2)
        #expect(index.deniedCounts[AccessDeniedKey(arn: nil, error: "sts getCallerIdentity failed")] == 1)
        #expect(index.deniedCount(arn: admin) == 3)
    }

    @Test func stsBeforeDenialIsConsumed() {
        let index = AuthenticatorIndex(records: [
            R.sts("c:1", arn: "arn:aws:sts::111122223333:assumed-role/Admin/alice", session: "alice"),
            R.denied("c:1", arn: admin, error: "identity is not mapped"),
            R.granted("c:1", arn: admin, username: "admin"),
        ])
        #expect(index.observations(username: "admin").first?.sessionNames == [])
        #expect(index.unpairedSTSResponses == 0)
    }
}
