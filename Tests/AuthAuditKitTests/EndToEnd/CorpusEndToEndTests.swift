import Foundation
import Testing

/// Public audit logs from the corpus, with expectations computed from the files by `JSONSerialization`.
@Suite struct CorpusEndToEndTests {
    /// Who a forbidden request is charged to: the impersonated user, and the user who sent it.
    struct Attribution: Hashable, CustomStringConvertible {
        var username: String
        var impersonatedBy: String?

        var description: String { "\(username) (impersonated by \(impersonatedBy ?? "nobody"))" }
    }

    /// The audit2rbac demo log: `system:admin` impersonating bob, alice and a service account, one
    /// `ResponseComplete` event per request, in `audit.k8s.io/v1beta1` and relabelled to `v1`.
    @Test(arguments: ["demo-v1beta1.log", "demo-v1-relabelled.log"])
    func audit2rbacDemo(file: String) throws {
        let path = Fixtures.path("corpus/audit2rbac/" + file)
        // A request's events appear in stage order within one log, so the last code seen is the final one.
        var codeByID: [String: Int] = [:]
        var attributionByID: [String: Attribution] = [:]
        for event in try JSONValues.objectLines(ofFile: path) {
            let auditID = try #require(event["auditID"] as? String, "event: \(event)")
            let sender = try #require(JSONValues.string(event, "user.username"), "event: \(event)")
            if let impersonated = JSONValues.string(event, "impersonatedUser.username") {
                attributionByID[auditID] = Attribution(username: impersonated, impersonatedBy: sender)
            } else {
                attributionByID[auditID] = Attribution(username: sender, impersonatedBy: nil)
            }
            if let code = JSONValues.integer((event["responseStatus"] as? [String: Any])?["code"]) {
                codeByID[auditID] = code
            }
        }
        var expectedForbidden: [Attribution: Int] = [:]
        for (auditID, code) in codeByID where code == 403 {
            expectedForbidden[attributionByID[auditID]!, default: 0] += 1
        }
        let forbiddenInFile = expectedForbidden.values.reduce(0, +)
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.run(["ingest", path])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(attributionByID.count == 37, "requests in the fixture itself")
        #expect(forbiddenInFile == 11, "forbidden requests in the fixture itself")
        #expect(try sandbox.queryInteger("select count(*) from requests") == attributionByID.count)
        #expect(try sandbox.queryInteger("select count(*) from requests where code = 403") == forbiddenInFile)
        let impersonated = Set(expectedForbidden.keys.map(\.username))
        #expect(impersonated == ["bob", "alice", "system:serviceaccount:ns1:sa1"], "forbidden users in the fixture")

        var reported: [Attribution: Int] = [:]
        for row in try sandbox.reportRows("forbidden") {
            let username = try #require(row["username"] as? String, "row: \(row)")
            let attribution = Attribution(username: username, impersonatedBy: row["impersonated_by"] as? String)
            reported[attribution, default: 0] += try #require(JSONValues.integer(row["count"]), "row: \(row)")
        }
        #expect(reported == expectedForbidden)
    }

    /// Falco's audit traces: 47 files of one or a few events, one of which (`fal_01_003.json`,
    /// `{"kind": 0}`) is not an audit event.
    @Test func falcoTracesStoreAllButTheBadLine() throws {
        let folder = Fixtures.path("corpus/falco-k8saudit-traces")
        var expectedIDs = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") {
            for object in try JSONValues.objectLines(ofFile: folder + "/" + name) {
                if let auditID = object["auditID"] as? String {
                    expectedIDs.insert(auditID)
                }
            }
        }
        let sandbox = try EndToEndSandbox()

        let result = try sandbox.run(["ingest", folder])

        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        #expect(result.errorLines.first?.contains("fal_01_003.json:1: ") == true, "stderr: \(result.standardError)")
        #expect(result.errorLines.first?.contains(" error: ") == true, "stderr: \(result.standardError)")
        #expect(try sandbox.queryInteger("select count(*) from requests") == expectedIDs.count)
        let storedIDs = try sandbox.queryTexts("select audit_id_text(audit_id) from requests")
        #expect(Set(storedIDs.compactMap { $0 }) == expectedIDs)
    }
}
