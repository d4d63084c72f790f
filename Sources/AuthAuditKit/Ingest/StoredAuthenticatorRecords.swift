/// The stored authenticator lines in log order, read from `authenticator_events` one row at a time.
///
/// A decision line stored with its paired STS facts comes after a reconstructed "STS response"
/// record, so `AuthenticatorIndex` pairs them again. A failed SQLite step ends the sequence and is
/// kept in `failure` for the caller to throw.
final class StoredAuthenticatorRecords: Sequence, IteratorProtocol {
    private let statement: SQLiteStatement
    /// The decision record that follows the STS record just returned.
    private var queued: AuthenticatorRecord?
    private(set) var failure: (any Error)?

    init(_ connection: SQLiteConnection) throws {
        statement = try connection.prepare(
            """
            SELECT message, time, level, client, arn, sts_arn, account_id, principal_id, session_name, access_key_id,
                   username, uid, groups, error, sts_endpoint
            FROM authenticator_events WHERE message <> 'STS response' ORDER BY time, id
            """)
    }

    func next() -> AuthenticatorRecord? {
        if let queued {
            self.queued = nil
            return queued
        }
        do {
            while try statement.step() {
                guard let message = statement.text(at: 0).flatMap(AuthenticatorMessage.init(rawValue:)) else {
                    continue
                }
                let record = try decisionRecord(message)
                guard let sts = stsRecord(time: record.time) else { return record }
                queued = record
                return sts
            }
        } catch {
            failure = error
        }
        return nil
    }

    private func decisionRecord(_ message: AuthenticatorMessage) throws -> AuthenticatorRecord {
        var record = AuthenticatorRecord(message: message)
        record.time = statement.isNull(at: 1) ? nil : Timestamp(microseconds: statement.int64(at: 1))
        record.level = statement.text(at: 2)
        record.client = statement.text(at: 3)
        record.arn = statement.text(at: 4)
        record.username = statement.text(at: 10)
        record.uid = statement.text(at: 11)
        record.groups = try statement.text(at: 12).map { try IdentityResolution.decodeGroups($0) }
        record.error = statement.text(at: 13)
        record.stsEndpoint = statement.text(at: 14)
        return record
    }

    /// Returns the "STS response" record stored inside the current row, or nil when it has none.
    private func stsRecord(time: Timestamp?) -> AuthenticatorRecord? {
        guard let stsARN = statement.text(at: 5) else { return nil }
        var sts = AuthenticatorRecord(message: .stsResponse)
        sts.time = time
        sts.client = statement.text(at: 3)
        sts.arn = stsARN
        sts.accountID = statement.text(at: 6)
        sts.userID = statement.text(at: 7)
        sts.sessionName = statement.text(at: 8)
        sts.accessKeyID = statement.text(at: 9)
        sts.stsEndpoint = statement.text(at: 14)
        return sts
    }
}
