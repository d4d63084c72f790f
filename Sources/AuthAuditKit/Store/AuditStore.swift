/// The authaudit database: one SQLite file holding requests, identities, mappings and diagnostics.
///
/// A store opened for writing is owned by one ingest at a time; reports open their own read-only
/// connection. Writes happen inside batches (`beginBatch` / `commitBatch`), so an interrupted
/// ingest leaves every committed batch in place and a later run completes the rest.
public final class AuditStore {
    public let connection: SQLiteConnection
    let usernames: DimensionTable
    let requests: RequestWriter
    let authenticator: AuthenticatorWriter
    let mappings: MappingWriter
    let clusters: DimensionTable
    private let insertSource: SQLiteStatement
    private let finishSource: SQLiteStatement
    private let findSource: SQLiteStatement
    private let insertDiagnostic: SQLiteStatement
    private let markDerivedStale: SQLiteStatement
    private var isInBatch = false
    private var rbacInsertStatement: SQLiteStatement?

    func rbacInsert() throws -> SQLiteStatement {
        if let statement = rbacInsertStatement { return statement }
        let statement = try connection.prepare(
            """
            INSERT INTO rbac_objects (content_hash, source_id, kind, namespace, name, object)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING
            """)
        rbacInsertStatement = statement
        return statement
    }

    /// Opens or creates the store at `path` (mode 0600, WAL) and applies pending migrations.
    public init(path: String) throws {
        connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        if path != ":memory:" {
            try connection.enableWriteAheadLog()
        }
        try Schema.migrator.migrate(connection)
        // A larger page cache keeps the dimension indexes and the right edge of the request key in
        // memory during bulk ingest (SQLite's default is 2 MiB; a negative value is in KiB). 48 MiB
        // keeps the peak RSS of a 5M-line ingest near 105 MB; 64 MiB was no faster and peaked at 125 MB.
        try connection.execute("PRAGMA cache_size = -49152")
        // Checkpoint the WAL every 64 MiB instead of SQLite's default of 1000 pages (about 4 MiB), so a
        // bulk ingest copies the index pages it rewrites at every commit into the database file less
        // often. Against 16 MiB, the 1M-line ingest took 5.02 s instead of 5.14 s (median of three).
        try connection.execute("PRAGMA wal_autocheckpoint = 16384")
        usernames = try DimensionTable(connection: connection, table: "usernames", column: "name")
        requests = try RequestWriter(connection: connection, usernames: usernames)
        authenticator = try AuthenticatorWriter(connection: connection)
        mappings = try MappingWriter(connection: connection)
        clusters = try DimensionTable(connection: connection, table: "clusters", column: "name")
        markDerivedStale = try connection.prepare(
            "UPDATE store_state SET value = 0 WHERE name = 'derived_current' AND value = 1", persistent: true)
        insertSource = try connection.prepare(
            "INSERT INTO sources (path, kind, size, fingerprint, started_at) VALUES (?, ?, ?, ?, ?)")
        finishSource = try connection.prepare(
            "UPDATE sources SET lines = ?, records = ?, skipped = ?, complete = ?, finished_at = ? WHERE id = ?")
        findSource = try connection.prepare(
            "SELECT 1 FROM sources WHERE fingerprint = ? AND size = ? AND complete = 1 LIMIT 1")
        insertDiagnostic = try connection.prepare(
            "INSERT INTO diagnostics (recorded_at, source, line, severity, problem, byte_offset) VALUES (?, ?, ?, ?, ?, ?)")
    }

    /// Opens an existing store read-only, for reports and `query`.
    public static func openReadOnly(path: String) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, mode: .readOnly)
        let hasSchema = try connection.scalarInteger(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        guard hasSchema == 1 else {
            throw SchemaError.notAStore(path: path)
        }
        let known = Set(Schema.migrator.migrations.map(\.identifier))
        let applied = try Schema.migrator.appliedIdentifiers(connection)
        if let newer = applied.first(where: { !known.contains($0) }) {
            throw SchemaError.newerSchema(migration: newer, path: path)
        }
        if let pending = Schema.migrator.migrations.first(where: { !applied.contains($0.identifier) }) {
            // A store written by an older authaudit: bring its schema up to date, then read it.
            do {
                _ = try AuditStore(path: path)
            } catch let error as SQLiteError {
                throw SchemaError.olderSchemaNotUpgraded(
                    migration: pending.identifier, path: path, reason: error.message)
            }
            return try openReadOnly(path: path)
        }
        SQLFunctions.register(on: connection)
        return connection
    }

    // MARK: - Batches

    /// Begins a write transaction. It marks the derived tables as out of date, so that reports count
    /// requests until `markDerivedDataCurrent()` runs after the analysis.
    public func beginBatch() throws {
        guard !isInBatch else { return }
        try connection.execute("BEGIN IMMEDIATE")
        isInBatch = true
        markDerivedStale.reset()
        try markDerivedStale.run()
    }

    /// Records that the analysis after a run has brought the derived tables up to date.
    public func markDerivedDataCurrent() throws {
        try connection.execute("UPDATE store_state SET value = 1 WHERE name = 'derived_current'")
    }

    public func commitBatch() throws {
        guard isInBatch else { return }
        try connection.execute("COMMIT")
        isInBatch = false
    }

    /// Rolls back the open batch and clears cached ids that may name rolled-back rows.
    public func rollbackBatch() {
        guard isInBatch else { return }
        try? connection.execute("ROLLBACK")
        isInBatch = false
        requests.clearCaches()
        usernames.clearCache()
    }

    // MARK: - Sources

    /// Records the start of reading an input and returns its id.
    public func beginSource(path: String, kind: String, size: Int64?, fingerprint: UInt64?) throws -> Int64 {
        insertSource.reset()
        insertSource.bind(path, at: 1)
        insertSource.bind(kind, at: 2)
        insertSource.bind(size, at: 3)
        insertSource.bind(fingerprint.map(ByteHash.storable), at: 4)
        insertSource.bind(Clock.now().microseconds, at: 5)
        try insertSource.run()
        return connection.lastInsertRowID
    }

    public func finishSource(id: Int64, lines: Int, records: Int, skipped: Int, isComplete: Bool) throws {
        finishSource.reset()
        finishSource.bind(Int64(lines), at: 1)
        finishSource.bind(Int64(records), at: 2)
        finishSource.bind(Int64(skipped), at: 3)
        finishSource.bind(Int64(isComplete ? 1 : 0), at: 4)
        finishSource.bind(Clock.now().microseconds, at: 5)
        finishSource.bind(id, at: 6)
        try finishSource.run()
    }

    /// Returns whether a file with this fingerprint and size was read to its end before.
    public func hasCompleteSource(fingerprint: UInt64, size: Int64) throws -> Bool {
        findSource.reset()
        findSource.bind(ByteHash.storable(fingerprint), at: 1)
        findSource.bind(size, at: 2)
        defer { findSource.reset() }
        return try findSource.step()
    }

    public func record(_ diagnostic: Diagnostic, problemText: String) throws {
        insertDiagnostic.reset()
        insertDiagnostic.bind(Clock.now().microseconds, at: 1)
        insertDiagnostic.bind(diagnostic.source, at: 2)
        insertDiagnostic.bind(diagnostic.line, at: 3)
        insertDiagnostic.bind(diagnostic.severity.rawValue, at: 4)
        insertDiagnostic.bind(problemText, at: 5)
        insertDiagnostic.bind(diagnostic.byteOffset, at: 6)
        try insertDiagnostic.run()
    }

    // MARK: - Records

    public func write(_ event: AuditEventView, sourceID: Int64, extraStages: Int = 0, clusterID: Int64? = nil) throws {
        try requests.write(event, sourceID: sourceID, extraStages: extraStages, clusterID: clusterID)
    }

    /// Returns the id of a cluster name, adding the name when it is new.
    public func clusterID(named name: String) throws -> Int64 {
        try clusters.id(for: name)
    }

    public func beginAuthenticatorStream() {
        authenticator.beginStream()
    }

    public func write(
        _ record: AuthenticatorRecord, line: UnsafeRawBufferPointer, sourceID: Int64, clusterID: Int64? = nil
    ) throws {
        try authenticator.write(record, line: line, sourceID: sourceID, clusterID: clusterID)
    }

    /// Stores a mapping document unless the same content was stored before. Returns whether it was new.
    ///
    /// `effectiveAt` is when the mapping took effect, nil when unknown. For audit-log updates
    /// `contentHash` must include it, so that a mapping restored to earlier content is a new version.
    @discardableResult
    public func write(
        _ mapping: AwsAuthMapping, kind: String, contentHash: UInt64, sourceID: Int64, effectiveAt: Timestamp? = nil,
        origin: MappingOrigin = .file
    ) throws -> Bool {
        try mappings.write(
            mapping, kind: kind, contentHash: contentHash, sourceID: sourceID, effectiveAt: effectiveAt, origin: origin)
    }

    // MARK: - Counts

    public func counts() throws -> StoreCounts {
        func count(_ sql: String) throws -> Int {
            Int(try connection.scalarInteger(sql) ?? 0)
        }
        return StoreCounts(
            requests: try count("SELECT count(*) FROM requests"),
            forbidden: try count("SELECT count(*) FROM requests WHERE code = 403"),
            unauthorized: try count("SELECT count(*) FROM requests WHERE code = 401"),
            identities: try count("SELECT count(*) FROM identities"),
            authenticatorEvents: try count("SELECT count(*) FROM authenticator_events"),
            mappingEntries: try count("SELECT count(*) FROM mapping_entries"),
            rbacObjects: try count("SELECT count(*) FROM rbac_objects"))
    }
}

/// Row counts of the main tables.
public struct StoreCounts: Sendable, Equatable {
    public var requests: Int
    public var forbidden: Int
    public var unauthorized: Int
    public var identities: Int
    public var authenticatorEvents: Int
    public var mappingEntries: Int
    public var rbacObjects: Int
}

extension AuditStore {
    /// Stores one RBAC object unless the same object text was stored before. Returns whether it was new.
    public func writeRBACObject(kind: String, namespace: String?, name: String, json: String, sourceID: Int64)
        throws -> Bool
    {
        let statement = try rbacInsert()
        statement.reset()
        statement.bind(ByteHash.storable(ByteHash.hash(kind + "\u{0}" + json)), at: 1)
        statement.bind(sourceID, at: 2)
        statement.bind(kind, at: 3)
        statement.bind(namespace, at: 4)
        statement.bind(name, at: 5)
        statement.bind(json, at: 6)
        try statement.run()
        return connection.changes == 1
    }
}

extension AuditStore {
    /// Stores a whole reference document unless the same bytes were stored before.
    public func writeDocument(_ bytes: [UInt8], kind: String, sourceID: Int64) throws {
        let statement = try connection.prepare(
            """
            INSERT INTO input_documents (content_hash, kind, source_id, loaded_at, content) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (content_hash) DO NOTHING
            """)
        bytes.withUnsafeBytes { buffer in
            statement.bind(ByteHash.storable(ByteHash.hash(buffer)), at: 1)
            statement.bindBlob(buffer, at: 5)
        }
        statement.bind(kind, at: 2)
        statement.bind(sourceID, at: 3)
        statement.bind(Clock.now().microseconds, at: 4)
        try statement.run()
    }

    /// Returns every stored reference document of the given kinds, in the order they were stored.
    public func documents(kinds: Set<String>) throws -> [(kind: String, source: String, bytes: [UInt8])] {
        let statement = try connection.prepare(
            """
            SELECT d.kind, coalesce(s.path, ''), d.content FROM input_documents d
            LEFT JOIN sources s ON s.id = d.source_id ORDER BY d.id
            """)
        var documents: [(kind: String, source: String, bytes: [UInt8])] = []
        while try statement.step() {
            let kind = statement.text(at: 0) ?? ""
            guard kinds.contains(kind), case .blob(let bytes) = statement.value(at: 2) else { continue }
            documents.append((kind, statement.text(at: 1) ?? "", bytes))
        }
        return documents
    }
}
