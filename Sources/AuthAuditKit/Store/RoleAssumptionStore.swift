import Foundation

/// Stores CloudTrail role assumptions and reads them back for resolution.
extension AuditStore {
    /// Stores assumptions, skipping any whose event was stored before (a trail delivered twice).
    /// Returns how many were new.
    @discardableResult
    public func write(_ assumptions: [RoleAssumption], sourceID: Int64) throws -> Int {
        let statement = try connection.prepare(
            """
            INSERT INTO role_assumptions (
                event_key, event_time, event_name, role_arn, session_name, access_key_id, caller_arn, record, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var added = 0
        for assumption in assumptions {
            let record = String(decoding: try encoder.encode(assumption), as: UTF8.self)
            statement.reset()
            statement.bind(assumption.eventID ?? String(ByteHash.hash(record), radix: 16), at: 1)
            statement.bind(assumption.eventTime.microseconds, at: 2)
            statement.bind(assumption.eventName.rawValue, at: 3)
            statement.bind(assumption.session.roleARN, at: 4)
            statement.bind(assumption.session.sessionName, at: 5)
            statement.bind(assumption.session.accessKeyID, at: 6)
            statement.bind(assumption.caller.arn, at: 7)
            statement.bind(record, at: 8)
            statement.bind(sourceID, at: 9)
            try statement.run()
            added += connection.changes
        }
        return added
    }

    /// Every stored role assumption.
    public func roleAssumptions() throws -> [RoleAssumption] {
        let statement = try connection.prepare("SELECT record FROM role_assumptions ORDER BY event_time, id")
        let decoder = JSONDecoder()
        var assumptions: [RoleAssumption] = []
        while try statement.step() {
            guard let text = statement.text(at: 0) else { continue }
            assumptions.append(try decoder.decode(RoleAssumption.self, from: Data(text.utf8)))
        }
        return assumptions
    }
}
