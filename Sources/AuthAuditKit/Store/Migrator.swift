/// One named schema change. A shipped migration is never edited; a change is a new migration.
public struct Migration: Sendable {
    public var identifier: String
    public var sql: String

    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// Applies migrations in order, each in its own transaction, recording them in `schema_migrations`.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies the migrations not yet recorded. Returns the identifiers it applied.
    @discardableResult
    public func migrate(_ connection: SQLiteConnection) throws -> [String] {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                identifier TEXT PRIMARY KEY NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            )
            """)
        let applied = try appliedIdentifiers(connection)
        let known = Set(migrations.map(\.identifier))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw SchemaError.newerSchema(migration: unknown, path: connection.path)
        }
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.identifier) {
            try connection.transaction {
                try connection.execute(migration.sql)
                let record = try connection.prepare("INSERT INTO schema_migrations (identifier) VALUES (?)")
                record.bind(migration.identifier, at: 1)
                try record.run()
            }
            done.append(migration.identifier)
        }
        return done
    }

    public func appliedIdentifiers(_ connection: SQLiteConnection) throws(SQLiteError) -> Set<String> {
        let statement = try connection.prepare("SELECT identifier FROM schema_migrations")
        var identifiers: Set<String> = []
        while try statement.step() {
            if let identifier = statement.text(at: 0) {
                identifiers.insert(identifier)
            }
        }
        return identifiers
    }
}

/// A store whose schema this build cannot use.
public enum SchemaError: Error, Sendable, Equatable {
    /// The database was migrated by a newer authaudit (it records a migration this build lacks).
    case newerSchema(migration: String, path: String)
    /// The file is not an authaudit store (opened read-only, it has no `schema_migrations`).
    case notAStore(path: String)
    /// The database lacks `migration` and could not be brought up to date, for example because the
    /// file or its folder is read-only here or another process holds a write lock. `reason` is
    /// SQLite's message.
    case olderSchemaNotUpgraded(migration: String, path: String, reason: String)
}
