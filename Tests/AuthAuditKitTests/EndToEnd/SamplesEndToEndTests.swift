import Foundation
import Testing

/// The scenario in `samples/`, whose expected reports and counts `samples/README.md` documents.
@Suite struct SamplesEndToEndTests {
    static let samplesPath = Fixtures.repositoryRoot.appendingPathComponent("samples").path

    /// One row of the table under "Expected reports" in `samples/README.md`.
    struct ForbiddenRow: Sendable {
        var iamPrincipal: String
        var username: String
        var verb: String
        var resource: String
        var apiGroup: String
        var namespace: String
        var auditID: String
    }

    static let expectedForbidden = [
        ForbiddenRow(
            iamPrincipal: "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Admins_3f2e91c07a5b68d4",
            username: "adminuser-1529910544824263459", verb: "list", resource: "pods", apiGroup: "",
            namespace: "default", auditID: "3b427c24-eeb4-416e-a32d-10cd863d2b71"),
        ForbiddenRow(
            iamPrincipal: "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6",
            username: "devuser-1529910734951736207", verb: "create", resource: "deployments", apiGroup: "apps",
            namespace: "demo-service", auditID: "4676f56e-8c3a-4733-8cb6-83875a8b832b"),
        ForbiddenRow(
            iamPrincipal: "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6",
            username: "devuser-1529910762440282915", verb: "list", resource: "pods", apiGroup: "",
            namespace: "default", auditID: "6ac8d635-e174-4184-a606-fa6d03957c2c"),
    ]

    /// Makes a sandbox whose store contains `samples/`, read by `analyze`, and returns the `analyze` result.
    static func analyzedSandbox() throws -> (EndToEndSandbox, BinaryResult) {
        let sandbox = try EndToEndSandbox()
        let result = try sandbox.run(["analyze", samplesPath])
        return (sandbox, result)
    }

    @Test func analyzeSucceedsWithBothHeadlines() throws {
        let (_, result) = try Self.analyzedSandbox()

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("Forbidden requests by identity\n"))
        #expect(result.standardOutput.contains("Failed authentications\n"))
    }

    @Test func storedCountsMatchReadme() throws {
        let (sandbox, _) = try Self.analyzedSandbox()

        #expect(try sandbox.queryInteger("select count(*) from requests") == 20)
        #expect(try sandbox.queryInteger("select count(*) from requests where code = 403") == 3)
        #expect(try sandbox.queryInteger("select count(*) from requests where code = 401") == 1)
        #expect(try sandbox.queryInteger("select count(*) from authenticator_events") == 19)
        let deniedSQL = "select count(*) from authenticator_events where message = 'access denied'"
        #expect(try sandbox.queryInteger(deniedSQL) == 1)
    }

    @Test func forbiddenReportMatchesReadme() throws {
        let (sandbox, _) = try Self.analyzedSandbox()
        let rows = try sandbox.reportRows("forbidden")

        try #require(rows.count == 3, "rows: \(rows)")
        for expected in Self.expectedForbidden {
            let row = try #require(
                rows.first { $0["username"] as? String == expected.username }, "no row for \(expected.username)")
            #expect(row["iam_principal"] as? String == expected.iamPrincipal, "\(expected.username)")
            #expect(row["verb"] as? String == expected.verb, "\(expected.username)")
            #expect(row["resource"] as? String == expected.resource, "\(expected.username)")
            #expect(row["api_group"] as? String == expected.apiGroup, "\(expected.username)")
            #expect(row["namespace"] as? String == expected.namespace, "\(expected.username)")
            #expect(JSONValues.integer(row["count"]) == 1, "\(expected.username)")
        }
    }

    @Test func forbiddenDetailListsReadmeAuditIDs() throws {
        let (sandbox, _) = try Self.analyzedSandbox()
        let rows = try sandbox.reportRows("forbidden", ["--detail"])

        let auditIDs = rows.compactMap { $0["audit_id"] as? String }
        #expect(auditIDs == Self.expectedForbidden.map(\.auditID))
    }

    @Test func authnFailuresListsBothDenials() throws {
        let (sandbox, _) = try Self.analyzedSandbox()
        let rows = try sandbox.reportRows("authn-failures")

        try #require(rows.count == 2, "rows: \(rows)")
        let apiserver = try #require(rows.first { $0["origin"] as? String == "apiserver 401" }, "rows: \(rows)")
        #expect(apiserver["client"] as? String == "172.20.103.9")
        #expect(apiserver["user_agent"] as? String == "kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0")
        #expect(apiserver["first_seen"] as? String == "2018-06-25T07:13:58.552987Z")
        #expect(JSONValues.integer(apiserver["count"]) == 1)

        let authenticator = try #require(rows.first { $0["origin"] as? String == "authenticator" }, "rows: \(rows)")
        #expect(authenticator["iam_principal"] is NSNull)
        #expect((authenticator["reason"] as? String)?.contains("InvalidClientTokenId") == true)
        #expect(authenticator["first_seen"] as? String == "2018-06-25T07:13:58.000000Z")
        #expect(JSONValues.integer(authenticator["count"]) == 1)
    }

    /// The tables whose row counts must not change when the same data is read again.
    static let countedTables = ["requests", "identities", "authenticator_events", "mapping_entries", "rbac_objects"]

    @Test func secondIngestChangesNoCount() throws {
        let (sandbox, _) = try Self.analyzedSandbox()
        var before: [String: Int] = [:]
        for table in Self.countedTables {
            before[table] = try sandbox.queryInteger("select count(*) from \(table)")
        }

        let again = try sandbox.run(["ingest", Self.samplesPath])

        #expect(again.status == 0, "stderr: \(again.standardError)")
        for table in Self.countedTables {
            #expect(try sandbox.queryInteger("select count(*) from \(table)") == before[table], "\(table)")
        }
    }

    /// A grown file no longer matches its fingerprint, so it is read again from the start; only the
    /// appended request may be new.
    @Test func grownAuditLogAddsOnlyNewRequest() throws {
        let sandbox = try EndToEndSandbox()
        let copy = sandbox.path("samples")
        try FileManager.default.copyItem(atPath: Self.samplesPath, toPath: copy)
        _ = try sandbox.run(["ingest", copy])
        var before: [String: Int] = [:]
        for table in Self.countedTables {
            before[table] = try sandbox.queryInteger("select count(*) from \(table)")
        }

        let liveLog = try FileHandle(forWritingTo: URL(fileURLWithPath: copy + "/audit/audit.log"))
        try liveLog.seekToEnd()
        var event = AuditEventLine(auditID: AuditEventLine.auditID(1))
        event.receivedAt = "2018-06-25T07:16:14.000000Z"
        event.stageAt = "2018-06-25T07:16:14.100000Z"
        try liveLog.write(contentsOf: event.data)
        try liveLog.close()
        let again = try sandbox.run(["ingest", copy])

        #expect(again.status == 0, "stderr: \(again.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == before["requests"]! + 1)
        // The appended event's user, alice, appears nowhere in samples/.
        #expect(try sandbox.queryInteger("select count(*) from identities") == before["identities"]! + 1)
        for table in Self.countedTables.dropFirst(2) {
            #expect(try sandbox.queryInteger("select count(*) from \(table)") == before[table], "\(table)")
        }
    }
}
