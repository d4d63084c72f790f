import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct SQLiteConnectionTests {
    @Test func newFileIsPrivate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.db")
        _ = try SQLiteConnection(path: path, mode: .readWriteCreate)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue
        #expect(permissions == 0o600)
    }

    @Test func bindAndReadBack() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.execute("CREATE TABLE t (i INTEGER, s TEXT, b BLOB)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?, ?)")
        insert.bind(Int64(42), at: 1)
        insert.bind("café", at: 2)
        [UInt8]([1, 2, 3]).withUnsafeBytes { insert.bindBlob($0, at: 3) }
        try insert.run()
        let select = try connection.prepare("SELECT i, s, b FROM t")
        #expect(try select.step())
        #expect(select.value(at: 0) == .integer(42))
        #expect(select.value(at: 1) == .text("café"))
        #expect(select.value(at: 2) == .blob([1, 2, 3]))
        #expect(try select.step() == false)
    }

    @Test func errorCarriesCodeAndSQL() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        #expect {
            try connection.execute("SELECT * FROM missing_table")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.primaryCode == 1 && error.sql == "SELECT * FROM missing_table"
                && error.message.contains("missing_table")
        }
    }

    @Test func readOnlyRejectsWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.db")
        let writer = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try writer.execute("CREATE TABLE t (i INTEGER)")
        let reader = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(throws: SQLiteError.self) {
            try reader.execute("INSERT INTO t VALUES (1)")
        }
    }

    @Test func migratorAppliesOnce() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        let migrator = Migrator(migrations: [
            Migration("1-create", sql: "CREATE TABLE a (x INTEGER)"),
            Migration("2-index", sql: "CREATE INDEX a_x ON a (x)"),
        ])
        #expect(try migrator.migrate(connection) == ["1-create", "2-index"])
        #expect(try migrator.migrate(connection) == [])
    }

    @Test func migratorRejectsNewerStore() throws {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try Migrator(migrations: [Migration("1", sql: "SELECT 1"), Migration("2", sql: "SELECT 1")]).migrate(connection)
        #expect(throws: SchemaError.self) {
            try Migrator(migrations: [Migration("1", sql: "SELECT 1")]).migrate(connection)
        }
    }

    @Test func walModeEnabled() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.path("wal.db"), mode: .readWriteCreate)
        try connection.enableWriteAheadLog()
        let mode = try connection.prepare("PRAGMA journal_mode")
        #expect(try mode.step())
        #expect(mode.text(at: 0) == "wal")
    }
}

@Suite struct StoreUpgradeTests {
    @Test func olderStoreIsMigratedWhenRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.db")
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try Migrator(migrations: [Schema.migrator.migrations[0]]).migrate(connection)
        }
        let reader = try AuditStore.openReadOnly(path: path)
        let clusters = try reader.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE name = 'clusters'")
        let applied = try Schema.migrator.appliedIdentifiers(reader)
        #expect(clusters == 1)
        #expect(applied == Set(Schema.migrator.migrations.map(\.identifier)))
    }

    /// A write lock held by another connection stands in for a read-only file, which root (the test
    /// user in CI) could still write: the upgrade cannot switch the file to WAL and fails.
    @Test func olderStoreLockedByAWriterNamesTheMissingMigration() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.db")
        let writer = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try Migrator(migrations: [Schema.migrator.migrations[0]]).migrate(writer)
        try writer.execute("BEGIN IMMEDIATE")
        defer { try? writer.execute("ROLLBACK") }

        do {
            _ = try AuditStore.openReadOnly(path: path)
            Issue.record("the locked older store was opened")
        } catch SchemaError.olderSchemaNotUpgraded(let migration, let failedPath, _) {
            #expect(migration == Schema.migrator.migrations[1].identifier)
            #expect(failedPath == path)
        }
    }
}
