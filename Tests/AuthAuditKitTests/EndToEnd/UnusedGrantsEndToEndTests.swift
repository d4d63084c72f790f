import Foundation
import Testing

/// `report unused-grants` on samples/ with one aws-auth role entry and one AD person added that no
/// request uses, and its wildcard narrowing, through the binary.
@Suite struct UnusedGrantsEndToEndTests {
    private func sandbox() throws -> EndToEndSandbox {
        let sandbox = try EndToEndSandbox()
        let samples = sandbox.path("samples")
        try FileManager.default.copyItem(atPath: SamplesEndToEndTests.samplesPath, toPath: samples)
        try FileManager.default.removeItem(atPath: samples + "/aws-auth.yaml")
        try FileManager.default.copyItem(
            atPath: Fixtures.path("leastpriv/aws-auth-with-unused-entry.yaml"), toPath: samples + "/aws-auth.yaml")
        try FileManager.default.copyItem(
            atPath: Fixtures.path("leastpriv/extra-people.ldif"), toPath: samples + "/extra-people.ldif")
        let result = try sandbox.run(["ingest", samples, "-q"])
        try #require(result.status == 0, "ingest failed: \(result.standardError)")
        return sandbox
    }

    /// A window that covers the whole store is counted from `rbac_grant_usage`, and a narrower one
    /// groups the requests again through `rbac_request_grants`. Both must give the same counts.
    @Test func storedTotalsEqualRegroupedRequests() throws {
        let store = try sandbox()
        let totals = try store.queryTexts(
            """
            SELECT grant_id || ' ' || verb || ' ' || resource || ' ' || sum(requests) || ' ' || max(last_used_at)
            FROM rbac_grant_usage GROUP BY grant_id, verb, resource ORDER BY 1
            """)
        let regrouped = try store.queryTexts(
            """
            WITH used AS (
                SELECT coalesce(r.impersonated_identity_id, r.identity_id) AS identity_id, r.verb_id, r.resource_id,
                    r.namespace_id, r.object_name, CASE WHEN r.resource_id IS NULL THEN r.request_path END AS path,
                    count(*) AS requests, max(r.received_at) AS last_used_at
                FROM requests r
                WHERE (r.identity_id IS NOT NULL OR r.impersonated_identity_id IS NOT NULL) AND r.verb_id IS NOT NULL
                    AND (r.decision = 1 OR (r.decision IS NULL AND r.code BETWEEN 100 AND 399))
                GROUP BY 1, 2, 3, 4, 5, 6
            )
            SELECT rg.grant_id || ' ' || rg.verb || ' ' || rg.resource || ' ' || sum(u.requests) || ' '
                || max(u.last_used_at)
            FROM used u
            JOIN rbac_request_grants rg ON rg.identity_id = u.identity_id AND rg.verb_id = u.verb_id
                AND rg.resource_id IS u.resource_id AND rg.namespace_id IS u.namespace_id
                AND rg.object_name IS u.object_name AND rg.request_path IS u.path
            GROUP BY rg.grant_id, rg.verb, rg.resource ORDER BY 1
            """)

        #expect(!totals.isEmpty)
        #expect(totals == regrouped)
    }

    @Test func awsAuthEntryNeverUsed() throws {
        let rows = try sandbox().reportRows("unused-grants")

        let entries = rows.filter { $0["kind"] as? String == "aws-auth entry" }
        #expect(entries.map { $0["mapped_from"] as? String } == ["arn:aws:iam::111122223333:role/ci-deployer"])
        #expect(entries.first?["subject"] as? String == "Group demo-service:ci")
        #expect(entries.first?["via"] as? String == "username ci-deployer:{{SessionName}}")
        #expect(entries.first?["status"] as? String == "unused")
    }

    @Test func personNeverUsedAccess() throws {
        let rows = try sandbox().reportRows("unused-grants")

        let people = rows.filter { $0["kind"] as? String == "person" }
        #expect(people.map { $0["person"] as? String } == ["qidle"])
        #expect(people.first?["subject"] as? String == "Group demo-service:ad-cluster-devs")
        #expect(people.first?["mapped_from"] as? String == "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6")
        #expect(people.first?["via"] as? String == "directory group AWS-EKS-Dev, permission set AWS-EKS-Dev")
    }

    @Test func windowBeforeDevRequestsListsDevUser() throws {
        // Dev User's requests are all after 07:10; Admin User's all before.
        let rows = try sandbox().reportRows("unused-grants", ["--until", "2018-06-25T07:10:00Z"])

        let people = rows.filter { $0["kind"] as? String == "person" }.compactMap { $0["person"] as? String }
        #expect(Set(people) == ["devuser", "qidle"])
    }

    @Test func wildcardRuleListsUsedParts() throws {
        let rows = try sandbox().reportRows("unused-grants")

        let admins = rows.first { $0["binding"] as? String == "RoleBinding demo-service/ad-cluster-admins-binding" }
        #expect(admins?["status"] as? String == "wildcard")
        #expect(admins?["used_verbs"] as? String == "create,list")
        #expect(admins?["used_resources"] as? String == "deployments,pods")
    }

    @Test func subjectFilterKeepsItsEntries() throws {
        let rows = try sandbox().reportRows("unused-grants", ["--subject", "demo-service:ci"])

        #expect(rows.map { $0["kind"] as? String } == ["aws-auth entry"])
    }
}
