import Testing

@testable import AuthAuditKit

/// A store written before impersonation was counted per sender gets the counts when it is opened.
@Suite struct ImpersonationMigrationTests {
    @Test func existingStoreCountsRequestsSentAsOthers() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.db")
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        let migrations = Schema.migrator.migrations
        let index = try #require(migrations.firstIndex { $0.identifier == "0013-impersonation" })
        try Migrator(migrations: Array(migrations[..<index])).migrate(connection)
        try connection.execute(
            """
            INSERT INTO usernames (id, name) VALUES (1, 'agent'), (2, 'alice');
            INSERT INTO identities (id, fingerprint, username_id, groups, extra) VALUES (1, 11, 1, '[]', '{}'), (2, 12, 2, '[]', '{}');
            INSERT INTO identity_resolutions (identity_id, status, requests) VALUES (1, 'unresolved', 0), (2, 'unresolved', 3);
            INSERT INTO requests (audit_id, received_at, stages, identity_id, impersonated_identity_id)
            VALUES (CAST('a' AS BLOB), 1, 4, 1, 2), (CAST('b' AS BLOB), 2, 4, 1, 2), (CAST('c' AS BLOB), 3, 4, 2, NULL);
            """)

        let store = try AuditStore(path: path)

        let counts = "SELECT impersonating FROM identity_resolutions ORDER BY identity_id"
        #expect(try store.connection.scalarInteger(counts) == 2)
        #expect(try store.connection.scalarInteger(counts + " LIMIT 1 OFFSET 1") == 0)
        #expect(try store.connection.scalarInteger("SELECT first_seen FROM identity_resolutions WHERE identity_id = 1") == 1)
        #expect(try store.connection.scalarInteger("SELECT last_seen FROM identity_resolutions WHERE identity_id = 1") == 2)
    }
}
