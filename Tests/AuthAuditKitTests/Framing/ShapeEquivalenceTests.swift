import Foundation
import Testing

@testable import AuthAuditKit

/// Each CloudWatch Logs shape, built from the plain sample logs, ingests through the real ingest into a
/// real store with the same requests, identities and authenticator lines as the plain files.
@Suite struct ShapeEquivalenceTests {
    /// What a store holds, reduced to what must not depend on the shape.
    struct StoreContents: Equatable {
        /// `audit ID, verb, code, username` of each request.
        var requests: Set<String>
        var usernames: Set<String>
        var authenticatorEvents: Int
    }

    let directory: TemporaryDirectory
    let builder: ShapeFixtureBuilder

    init() throws {
        directory = try TemporaryDirectory()
        builder = try ShapeFixtureBuilder()
    }

    private final class DiagnosticRecorder: IngestObserver {
        var diagnostics: [Diagnostic] = []
        func ingest(didReport diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
        func ingest(didStart source: String, kind: String, totalBytes: Int64?) {}
        func ingest(didProgress source: String, bytesRead: Int64, records: Int) {}
        func ingestDidFinishSource(_ source: String) {}
        func ingest(didSkip input: SkippedInput) {}
    }

    /// Ingests `paths` into a new store named `name` and returns the store and the errors and warnings.
    func ingest(_ paths: [String], store name: String, cluster: String? = nil) throws -> (AuditStore, [Diagnostic]) {
        let store = try AuditStore(path: directory.path(name + ".db"))
        var options = IngestOptions()
        options.cluster = cluster
        let recorder = DiagnosticRecorder()
        _ = try Ingester(store: store, options: options, observer: recorder).run(arguments: paths)
        return (store, recorder.diagnostics.filter { $0.severity != .note })
    }

    static func contents(of store: AuditStore) throws -> StoreContents {
        StoreContents(
            requests: Set(
                try texts(
                    store,
                    """
                    SELECT quote(audit_id) || ' ' || coalesce(verb, '-') || ' ' || coalesce(code, '-') || ' '
                        || coalesce(username, '-')
                    FROM request_facts
                    """)),
            usernames: Set(
                try texts(store, "SELECT u.name FROM identities i JOIN usernames u ON u.id = i.username_id")),
            authenticatorEvents: Int(try texts(store, "SELECT count(*) FROM authenticator_events")[0]) ?? -1)
    }

    static func texts(_ store: AuditStore, _ sql: String) throws -> [String] {
        let statement = try store.connection.prepare(sql)
        var values: [String] = []
        while try statement.step() {
            values.append(statement.text(at: 0) ?? "NULL")
        }
        return values
    }

    func plainContents() throws -> StoreContents {
        let (store, diagnostics) = try ingest(ShapeFixtureBuilder.plainInputs, store: "plain")
        #expect(diagnostics.isEmpty, "plain inputs: \(diagnostics)")
        return try Self.contents(of: store)
    }

    /// Ingests one shape and compares it with the plain files.
    func expectSameAsPlain(_ paths: [String], store name: String) throws {
        let expected = try plainContents()
        #expect(expected.requests.count == 20)
        #expect(expected.authenticatorEvents == 19)

        let (store, diagnostics) = try ingest(paths, store: name)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
        let actual = try Self.contents(of: store)
        #expect(actual.requests == expected.requests, "\(name): requests differ")
        #expect(actual.usernames == expected.usernames, "\(name): usernames differ")
        #expect(actual.authenticatorEvents == expected.authenticatorEvents, "\(name): authenticator lines differ")
    }

    func write(_ data: Data, to name: String) throws -> String {
        let path = directory.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: - Shapes

    @Test func exportFolderMatchesPlainLogs() throws {
        let root = URL(fileURLWithPath: directory.path("exported"))
        try builder.writeExportFolder(in: root)
        try expectSameAsPlain([root.path], store: "export")
    }

    @Test func firehoseObjectMatchesPlainLogs() throws {
        let path = try write(try builder.firehoseObject(), to: "firehose-object")
        try expectSameAsPlain([path], store: "firehose")
    }

    @Test func doubleGzipFirehoseObjectMatchesPlainLogs() throws {
        // Firehose with its own GZIP compression compresses the already compressed records again.
        let path = try write(try GzipTool.compress(try builder.firehoseObject()), to: "firehose-object.gz")
        try expectSameAsPlain([path], store: "firehose-double")
    }

    @Test func filterLogEventsMatchesPlainLogs() throws {
        let path = try write(Data(builder.filterLogEventsPages().utf8), to: "filter-log-events.json")
        try expectSameAsPlain([path], store: "filter-log-events")
    }

    @Test func getLogEventsMatchesPlainLogs() throws {
        let audit = try write(
            Data(builder.getLogEvents(stream: ShapeFixtureBuilder.auditStream).utf8), to: "get-log-events-audit.json")
        let authenticator = try write(
            Data(builder.getLogEvents(stream: ShapeFixtureBuilder.authenticatorStream).utf8),
            to: "get-log-events-authenticator.json")
        try expectSameAsPlain([audit, authenticator], store: "get-log-events")
    }

    @Test func tailTextMatchesPlainLogs() throws {
        let path = try write(Data(builder.tailText().utf8), to: "tail.txt")
        try expectSameAsPlain([path], store: "tail")
    }

    @Test func insightsJSONMatchesPlainLogs() throws {
        let path = try write(Data(builder.insightsJSON().utf8), to: "insights.json")
        try expectSameAsPlain([path], store: "insights-json")
    }

    @Test func insightsCSVMatchesPlainLogs() throws {
        let path = try write(Data(builder.insightsCSV().utf8), to: "insights.csv")
        try expectSameAsPlain([path], store: "insights-csv")
    }

    // MARK: - Clusters of authenticator lines

    static let authenticatorClusterSQL = """
        SELECT coalesce(c.name, 'NULL') FROM authenticator_events a LEFT JOIN clusters c ON c.id = a.cluster_id
        """

    @Test func firehoseAuthenticatorLinesTakeLogGroupCluster() throws {
        let path = try write(try builder.firehoseObject(), to: "firehose-object")
        let (store, _) = try ingest([path], store: "firehose-clusters")
        let clusters = try Self.texts(store, Self.authenticatorClusterSQL)
        #expect(clusters.count == 19)
        #expect(Set(clusters) == ["demo"])
    }

    @Test func exportAuthenticatorLinesTakeClusterOption() throws {
        let root = URL(fileURLWithPath: directory.path("exported"))
        try builder.writeExportFolder(in: root)
        let (store, _) = try ingest([root.path], store: "export-clusters", cluster: "prod")
        let clusters = try Self.texts(store, Self.authenticatorClusterSQL)
        #expect(clusters.count == 19)
        #expect(Set(clusters) == ["prod"])
    }

    @Test func plainAuthenticatorLogTakesClusterOption() throws {
        let (store, _) = try ingest(ShapeFixtureBuilder.plainInputs, store: "plain-clusters", cluster: "prod")
        let clusters = try Self.texts(store, Self.authenticatorClusterSQL)
        #expect(clusters.count == 19)
        #expect(Set(clusters) == ["prod"])
    }

    // MARK: - Stream names of export folders

    @Test(arguments: [
        ("kube-apiserver-audit-0a1b2c3d", LogStreamKind?.some(.audit)),
        ("authenticator-0a1b2c3d", .some(.authenticator)),
        ("kube-apiserver-0a1b2c3d", .some(.other)),
        ("kube-scheduler-0a1b2c3d", .some(.other)),
        ("exported", nil),
    ])
    func exportFolderNameGivesStreamKind(_ name: String, _ expected: LogStreamKind?) {
        #expect(LogStreamKind(eksStreamName: name) == expected)
    }
}
