import Testing

@testable import AuthAuditKit

/// A store written before requests were keyed by receive time and audit ID is rebuilt when opened,
/// keeping every row and its id, and later stages still merge into the rows it held.
@Suite struct RequestKeyMigrationTests {
    private static let keyMigration = "0010-request-key"

    /// Writes an SQLite file at the schema before the key migration, with two requests: one with a
    /// receive time, and one with only a completion time (an old writer stored such rows).
    private func olderStore(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("old.db")
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        let migrations = Schema.migrator.migrations
        let index = try #require(migrations.firstIndex { $0.identifier == Self.keyMigration })
        try Migrator(migrations: Array(migrations[..<index])).migrate(connection)
        try connection.execute(
            """
            INSERT INTO requests (id, audit_id, received_at, completed_at, stages, code)
            VALUES (7, X'6ac8d635e1744184a606fa6d03957c2c', 1742306819733408, NULL, 1, NULL),
                   (9, CAST('not-a-uuid' AS BLOB), NULL, 1742306820000000, 4, 403);
            """)
        return path
    }

    @Test func rowsKeepTheirIdsAndTimes() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: try olderStore(in: directory))
        let connection = store.connection

        #expect(try connection.scalarInteger("SELECT count(*) FROM requests") == 2)
        #expect(try connection.scalarInteger("SELECT received_at FROM requests WHERE id = 9") == 1_742_306_820_000_000)
        #expect(try connection.scalarInteger("SELECT count(*) FROM request_facts WHERE code = 403") == 1)
        #expect(try connection.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE name = 'sessions'") == 1)
        #expect(try connection.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE name = 'requests_key'") == 1)
        #expect(try connection.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE name = 'requests_received'") == 0)
    }

    @Test func laterStageMergesIntoMigratedRow() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: try olderStore(in: directory))
        let sourceID = try store.beginSource(path: "later.log", kind: "audit-event-lines", size: nil, fingerprint: nil)
        let line = """
            {"kind":"Event","auditID":"6ac8d635-e174-4184-a606-fa6d03957c2c","stage":"ResponseComplete",\
            "requestReceivedTimestamp":"2025-03-18T14:06:59.733408Z","verb":"get","responseStatus":{"code":200}}
            """
        try Array(line.utf8).withUnsafeBytes { bytes in
            try AuditEventScanner.scan(line: bytes) { try store.write($0, sourceID: sourceID) }
        }

        #expect(try store.connection.scalarInteger("SELECT count(*) FROM requests") == 2)
        #expect(try store.connection.scalarInteger("SELECT stages FROM requests WHERE id = 7") == 5)
        #expect(try store.connection.scalarInteger("SELECT code FROM requests WHERE id = 7") == 200)
    }
}
