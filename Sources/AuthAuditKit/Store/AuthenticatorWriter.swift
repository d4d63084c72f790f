/// Writes aws-iam-authenticator lines into `authenticator_events`.
///
/// Each decision line ("access granted" / "access denied") is paired with the latest unpaired
/// "STS response" line of the same `client`, and stores that line's raw STS ARN, session name,
/// access key id and principal id beside its own fields. The apiserver reuses keep-alive
/// connections, so `client` identifies the pair only together with the order of lines.
/// A line is keyed by a hash of its bytes, so reading a file or a rotated copy again adds nothing.
final class AuthenticatorWriter {
    private let insert: SQLiteStatement
    /// The pending "STS response" per client, for the stream being read.
    private var pendingSTS: [String: AuthenticatorRecord] = [:]

    init(connection: SQLiteConnection) throws(SQLiteError) {
        insert = try connection.prepare(
            """
            INSERT INTO authenticator_events (
                fingerprint, time, message, level, client, arn, sts_arn, account_id, principal_id, session_name,
                access_key_id, username, uid, groups, error, sts_endpoint, source_id, cluster_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT (fingerprint) DO UPDATE SET
                cluster_id = coalesce(authenticator_events.cluster_id, excluded.cluster_id)
            WHERE authenticator_events.cluster_id IS NULL AND excluded.cluster_id IS NOT NULL
            """, persistent: true)
    }

    /// Starts a new stream: STS lines of an earlier file are not paired with this one's decisions.
    func beginStream() {
        pendingSTS.removeAll()
    }

    /// Stores one record read from `line` (the raw bytes give the deduplication key). A line read
    /// again keeps its first cluster, or takes `clusterID` when it had none.
    func write(_ record: AuthenticatorRecord, line: UnsafeRawBufferPointer, sourceID: Int64, clusterID: Int64?) throws {
        var sts: AuthenticatorRecord?
        if let client = record.client {
            if record.message == .stsResponse {
                pendingSTS[client] = record
            } else {
                sts = pendingSTS.removeValue(forKey: client)
            }
        }

        insert.reset()
        insert.bind(ByteHash.storable(ByteHash.hash(line)), at: 1)
        insert.bind(record.time?.microseconds, at: 2)
        insert.bind(record.message.rawValue, at: 3)
        insert.bind(record.level, at: 4)
        insert.bind(record.client, at: 5)
        if record.message == .stsResponse {
            insert.bind(record.arn, at: 7)
            insert.bind(record.accountID, at: 8)
            insert.bind(record.userID, at: 9)
            insert.bind(record.sessionName, at: 10)
            insert.bind(record.accessKeyID, at: 11)
        } else {
            insert.bind(record.arn, at: 6)
            insert.bind(sts?.arn, at: 7)
            insert.bind(sts?.accountID ?? AuthenticatorUID(record.uid)?.accountID, at: 8)
            insert.bind(sts?.userID ?? AuthenticatorUID(record.uid)?.principalID, at: 9)
            insert.bind(sts?.sessionName, at: 10)
            insert.bind(sts?.accessKeyID, at: 11)
        }
        insert.bind(record.username, at: 12)
        insert.bind(record.uid, at: 13)
        insert.bind(record.groups.map(JSONText.array), at: 14)
        insert.bind(record.error, at: 15)
        insert.bind(record.stsEndpoint ?? sts?.stsEndpoint, at: 16)
        insert.bind(sourceID, at: 17)
        insert.bind(clusterID, at: 18)
        try insert.run()
    }
}
