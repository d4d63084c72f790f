import Foundation
import Testing

@testable import AuthAuditKit

/// The least-privilege roles suggested for `samples/`, fed back through the RBAC matcher, allow every
/// allowed request of the groups and none of their forbidden ones.
@Suite struct LeastPrivilegeSuggestionTests {
    @Test func suggestionsAllowExactlyWhatWasUsed() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        let samples = Fixtures.repositoryRoot.appendingPathComponent("samples").path
        _ = try Ingester(store: store, options: IngestOptions(), observer: nil).run(arguments: [samples])

        let manifests = try store.connection.prepare("SELECT manifest FROM rbac_suggestions")
        var documents: [DocumentNode] = []
        while try manifests.step() {
            documents += try DocumentParser.parse(Array((manifests.text(at: 0) ?? "").utf8))
        }
        let policy = RBACPolicy(objects: RBACObjectParser.parse(documents: documents).objects)
        #expect(policy.bindings.count == 2)

        let requests = try store.connection.prepare(
            """
            SELECT f.effective_username, i.groups, f.verb, coalesce(f.api_group, ''), f.resource,
                   coalesce(f.subresource, ''), coalesce(f.namespace, ''), f.code
            FROM request_facts f JOIN identities i ON i.id = f.effective_identity_id
            WHERE f.resource IS NOT NULL AND i.groups LIKE '%demo-service:ad-cluster-%'
            """)
        var checked = 0
        while try requests.step() {
            let user = try IdentityResolution.decodeUser(
                username: requests.text(at: 0) ?? "", uid: nil, groups: requests.text(at: 1) ?? "[]", extra: "{}")
            let attributes = RequestAttributes.resource(
                user: user.username, groups: user.groups, verb: requests.text(at: 2) ?? "",
                apiGroup: requests.text(at: 3) ?? "", resource: requests.text(at: 4) ?? "",
                subresource: requests.text(at: 5) ?? "", namespace: requests.text(at: 6) ?? "")
            let isAllowed = !policy.allowingGrants(for: attributes).isEmpty
            let code = requests.int64(at: 7)
            #expect(isAllowed == (code < 400), "\(attributes.verb) \(attributes.combinedResource) in \(attributes.namespace) (\(code))")
            checked += 1
        }
        #expect(checked == 6)
    }
}
