import Foundation
import Testing

@testable import AuthAuditKit

/// Collects what an ingest reports, for assertions.
private final class RecordingObserver: IngestObserver {
    var diagnostics: [Diagnostic] = []
    func ingest(didReport diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func ingest(didStart source: String, kind: String, totalBytes: Int64?) {}
    func ingest(didProgress source: String, bytesRead: Int64, records: Int) {}
    func ingestDidFinishSource(_ source: String) {}
    func ingest(didSkip input: SkippedInput) {}
}

@Suite struct IngesterTests {
    let directory: TemporaryDirectory
    let samples = Fixtures.repositoryRoot.appendingPathComponent("samples").path

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func ingest(_ arguments: [String], store: AuditStore) throws -> (IngestSummary, [Diagnostic]) {
        let observer = RecordingObserver()
        let summary = try Ingester(store: store, options: IngestOptions(), observer: observer).run(arguments: arguments)
        return (summary, observer.diagnostics)
    }

    @Test func samplesResolveToRoles() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let (summary, diagnostics) = try ingest([samples], store: store)
        #expect(diagnostics.isEmpty)
        #expect(summary.after.forbidden == 3)
        #expect(summary.after.unauthorized == 1)
        let principals = try store.connection.prepare(
            """
            SELECT DISTINCT r.iam_arn FROM request_facts f
            JOIN identity_resolutions r ON r.identity_id = f.effective_identity_id
            WHERE f.code = 403 ORDER BY 1
            """)
        var arns: [String] = []
        while try principals.step() { arns.append(principals.text(at: 0) ?? "") }
        #expect(
            arns == [
                "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Admins_3f2e91c07a5b68d4",
                "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Dev_8c41d2a9e07f35b6",
            ])
    }

    @Test func secondIngestChangesNothing() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let (first, _) = try ingest([samples], store: store)
        let (second, _) = try ingest([samples], store: store)
        #expect(second.after == first.after)
        #expect(second.inputsUnchanged == first.inputsRead)
    }

    @Test func recompressedCopyAddsNothing() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let live = samples + "/audit/audit.log"
        _ = try ingest([live], store: store)
        let before = try store.counts()
        let copy = directory.path("copy.log.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -9 -c '\(live)' > '\(copy)'"]
        try gzip.run()
        gzip.waitUntilExit()
        let (summary, _) = try ingest([copy], store: store)
        #expect(summary.inputsRead == 1)
        #expect(try store.counts() == before)
    }

    @Test func truncatedGzipKeepsEarlierRecords() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let source = try Data(contentsOf: URL(fileURLWithPath: samples + "/audit/audit-2018-06-25T07-07-03.518.log.gz"))
        let cut = directory.path("cut.log.gz")
        try source.prefix(source.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
        let (summary, diagnostics) = try ingest([cut], store: store)
        #expect(summary.hasProblems)
        #expect(summary.after.requests > 0)
        #expect(diagnostics.contains { if case .truncatedGzip = $0.problem { true } else { false } })
    }

    @Test func diagnosticsAreStored() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("mixed.log")
        let good = try String(contentsOfFile: samples + "/audit/audit.log", encoding: .utf8)
            .split(separator: "\n").prefix(2).joined(separator: "\n")
        try (good + "\n{\"kind\":\"Event\",\"stage\":\"ResponseComplete\"}\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let (summary, diagnostics) = try ingest([file], store: store)
        #expect(summary.recordsSkipped == 1)
        #expect(diagnostics.first?.line == 3)
        #expect(try store.connection.scalarInteger("SELECT line FROM diagnostics") == 3)
    }

    @Test func leadingLogLineKeepsTheEvents() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("kubectl-logs.log")
        let events = try String(contentsOfFile: samples + "/audit/audit.log", encoding: .utf8)
        let klog = "I0625 07:05:00.000000 1 flags.go:64] FLAG: --audit-log-path=\"-\"\n"
        try (klog + events).write(toFile: file, atomically: true, encoding: .utf8)
        let (plain, _) = try ingest([samples + "/audit/audit.log"], store: try AuditStore(path: directory.path("plain.db")))

        let (summary, diagnostics) = try ingest([file], store: store)

        #expect(summary.recordsSkipped == 1)
        #expect(diagnostics.first?.line == 1)
        #expect(summary.after.requests == plain.after.requests)
        #expect(summary.after.requests > 0)
    }

    /// A user object is only matched by its brackets while scanning and decoded on the writer, so
    /// its problems must still name the line, skip only that line and leave the rest stored.
    @Test func badUserObjectSkipsOnlyItsLine() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("users.log")
        func event(_ id: String, stage: String, user: String) -> String {
            #"""
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(id)",\#
            "stage":"\#(stage)","verb":"get","requestURI":"/api","user":\#(user),\#
            "requestReceivedTimestamp":"2024-05-01T08:00:00.1Z","stageTimestamp":"2024-05-01T08:00:00.2Z"}
            """#
        }
        let lines = [
            event("a1", stage: "ResponseComplete", user: #"{"username":"alice"}"#),
            event("a2", stage: "ResponseComplete", user: #"{"username":5}"#),
            event("a3", stage: "RequestReceived", user: #"{"username":"bob","groups":"admins"}"#),
            event("a4", stage: "ResponseComplete", user: #"{"username":"carol" "uid":"u"}"#),
            event("a5", stage: "RequestReceived", user: #"{"username":"dave"}"#),
            event("a6", stage: "RequestReceived", user: #"{"username":42}"#),
            event("a6", stage: "ResponseComplete", user: #"{"username":"erin"}"#),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let (summary, diagnostics) = try ingest([file], store: store)

        #expect(summary.recordsSkipped == 4)
        #expect(summary.after.requests == 3)
        // The held RequestReceived of line 3 is written, and found bad, when the input ends. That
        // of line 6 names another user than its later stage, so it is not folded into it unread.
        #expect(diagnostics.count == 4)
        #expect(try store.connection.scalarInteger("SELECT stages FROM requests WHERE audit_id = CAST('a6' AS BLOB)") == 4)
        let problems = Dictionary(uniqueKeysWithValues: diagnostics.map { ($0.line ?? 0, $0.problem) })
        #expect(problems[2] == .invalidAuditEvent(reason: "user.username is not of type string"))
        #expect(problems[3] == .invalidAuditEvent(reason: "user.groups is not of type array"))
        #expect(problems[6] == .invalidAuditEvent(reason: "user.username is not of type string"))
        guard case .invalidJSON(let errorColumn, _) = problems[4] else {
            Issue.record("expected a JSON error on line 4, got \(String(describing: problems[4]))")
            return
        }
        let line = Array(lines[3].utf8)
        let uidKey = line.indices.first { line[$0...].starts(with: #""uid""#.utf8) }
        #expect(errorColumn == uidKey.map { $0 + 1 })
    }

    private static func event(_ id: String, stage: String, user: String, impersonated: String? = nil) -> String {
        let impersonation = impersonated.map { #","impersonatedUser":"# + $0 } ?? ""
        return #"""
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(id)",\#
            "stage":"\#(stage)","verb":"get","requestURI":"/api","user":\#(user)\#(impersonation),\#
            "requestReceivedTimestamp":"2024-05-01T08:00:00.1Z","stageTimestamp":"2024-05-01T08:00:00.2Z"}
            """#
    }

    /// Both stages carry the same bad user object: the later one fails, and the RequestReceived
    /// folded into it is skipped with it, on its own line.
    @Test func foldedStageFailsWithItsLaterStage() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("same.log")
        let lines = [
            Self.event("b1", stage: "RequestReceived", user: #"{"username":123}"#),
            Self.event("b1", stage: "ResponseComplete", user: #"{"username":123}"#),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let (summary, diagnostics) = try ingest([file], store: store)

        #expect(Set(diagnostics.compactMap(\.line)) == [1, 2])
        #expect(summary.auditEvents == 0)
        #expect(summary.recordsSkipped == 2)
        #expect(summary.after.requests == 0)
    }

    /// A RequestReceived is folded only when its impersonated user matches too.
    @Test func differentImpersonatedUserIsNotFolded() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("impersonated.log")
        let lines = [
            Self.event(
                "c1", stage: "RequestReceived", user: #"{"username":"agent"}"#, impersonated: #"{"username":["x"]}"#),
            Self.event(
                "c1", stage: "ResponseComplete", user: #"{"username":"agent"}"#, impersonated: #"{"username":"alice"}"#),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let (summary, diagnostics) = try ingest([file], store: store)

        #expect(diagnostics.map(\.line) == [1])
        #expect(diagnostics.first?.problem == .invalidAuditEvent(reason: "impersonatedUser.username is not of type string"))
        #expect(summary.after.requests == 1)
        #expect(try store.connection.scalarInteger("SELECT stages FROM requests") == 4)
    }

    /// An EventList document whose second item has a bad user object keeps the first item and
    /// reports the problem instead of ending the ingest.
    @Test func eventListWithBadUserKeepsEarlierItems() throws {
        let store = try AuditStore(path: directory.path("store.db"))
        let file = directory.path("list.json")
        let items = [
            Self.event("d1", stage: "ResponseComplete", user: #"{"username":"alice"}"#),
            Self.event("d2", stage: "ResponseComplete", user: #"{"username":123}"#),
        ]
        // Spread over lines as `kubectl get --raw` prints it, so that it is read as one document.
        let document = "{\n  \"kind\": \"EventList\",\n  \"apiVersion\": \"audit.k8s.io/v1\",\n  \"items\": [\n"
            + items.joined(separator: ",\n") + "\n  ]\n}\n"
        try document.write(toFile: file, atomically: true, encoding: .utf8)

        let (summary, diagnostics) = try ingest([file], store: store)

        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.problem == .invalidAuditEvent(reason: "user.username is not of type string"))
        #expect(summary.after.requests == 1)
    }
}
