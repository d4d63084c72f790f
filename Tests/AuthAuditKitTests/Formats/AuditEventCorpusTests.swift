import Foundation
import Testing

@testable import AuthAuditKit

/// Scans the public audit samples and compares each event with Foundation's JSON decoding of
/// the same line.
@Suite struct AuditEventCorpusTests {
    /// The fields compared, as Foundation's `JSONSerialization` reads them.
    private struct Reference: Equatable {
        var auditID: String?
        var verb: String?
        var username: String?
        var impersonatedUsername: String?
        var code: Int?

        init(json line: [UInt8]) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            auditID = object["auditID"] as? String
            verb = object["verb"] as? String
            username = (object["user"] as? [String: Any])?["username"] as? String
            impersonatedUsername = (object["impersonatedUser"] as? [String: Any])?["username"] as? String
            code = (object["responseStatus"] as? [String: Any])?["code"] as? Int
        }

        init(_ event: ScannedEvent) {
            auditID = event.auditID
            verb = event.verb
            username = event.user?.username
            impersonatedUsername = event.impersonatedUser?.username
            code = event.responseCode
        }
    }

    @Test(arguments: ["corpus/audit2rbac/demo-v1beta1.log", "corpus/audit2rbac/demo-v1-relabelled.log"])
    func audit2rbacLinesMatchFoundation(file: String) throws {
        let lines = try ScannedEvent.lines(ofFixture: file)
        #expect(lines.count == 37)
        var forbidden = 0
        var impersonated = 0
        for (number, line) in lines.enumerated() {
            let events = try ScannedEvent.scan(line)
            try #require(events.count == 1, "line \(number + 1)")
            #expect(Reference(events[0]) == (try Reference(json: line)), "line \(number + 1)")
            #expect(events[0].legacyTimestamp != nil, "line \(number + 1)")
            if events[0].responseCode == 403 { forbidden += 1 }
            if events[0].impersonatedUser != nil { impersonated += 1 }
        }
        #expect(forbidden == 11)
        #expect(impersonated > 0)
    }

    @Test func falcoTracesScanExceptMalformedOne() throws {
        let folder = Fixtures.path("corpus/falco-k8saudit-traces")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(files.count > 40)
        for file in files {
            for line in try ScannedEvent.lines(ofFixture: "corpus/falco-k8saudit-traces/\(file)") {
                if file == "fal_01_003.json" {
                    #expect(ScannedEvent.scanError(line) != nil, "\(file)")
                    continue
                }
                let events = try ScannedEvent.scan(line)
                try #require(events.count == 1, "\(file)")
                #expect(Reference(events[0]) == (try Reference(json: line)), "\(file)")
            }
        }
    }

    @Test func falcoBodiesAreNoticed() throws {
        let lines = try ScannedEvent.lines(ofFixture: "corpus/falco-k8saudit-traces/create_clusterrole.json")
        let line = try #require(lines.first)
        let event = try #require(try ScannedEvent.scan(line).first)
        #expect(event.hasBodies)
        #expect(event.objectAPIGroup == "rbac.authorization.k8s.io")
        #expect(event.authorizationDecision == "allow")
        #expect(event.authorizationReason == "")
        #expect(event.creationTimestamp == timestamp("2018-10-26T13:25:18Z"))
    }
}
