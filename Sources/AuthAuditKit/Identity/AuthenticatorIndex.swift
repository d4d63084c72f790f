/// The authenticator log's record of one Kubernetes username mapped from one IAM identity.
public struct AuthenticatorObservation: Sendable, Equatable {
    public var username: String
    public var uid: String?
    /// The canonical ARN from the "access granted" line.
    public var canonicalARN: String?
    public var accountID: String?
    /// The STS user id (AROA… for roles, AIDA… for users), from "STS response" or the uid.
    public var principalID: String?
    /// Distinct session names, in the order first seen. Only grants paired with an "STS response" add one.
    public var sessionNames: [String] = []
    /// Distinct access key ids, in the order first seen.
    public var accessKeyIDs: [String] = []
    /// The groups of the latest grant.
    public var groups: [String] = []
    public var firstSeen: Timestamp?
    public var lastSeen: Timestamp?
    /// How many "access granted" lines were seen.
    public var grantCount = 0
    /// How many of them were paired with an "STS response" line.
    public var pairedCount = 0

    public init(username: String, uid: String?, canonicalARN: String?) {
        self.username = username
        self.uid = uid
        self.canonicalARN = canonicalARN
    }
}

/// The canonical ARN (nil when the token was rejected before mapping) and error text of "access denied" lines.
public struct AccessDeniedKey: Sendable, Hashable {
    public var arn: String?
    public var error: String?

    public init(arn: String?, error: String?) {
        self.arn = arn
        self.error = error
    }
}

/// An in-memory index of aws-iam-authenticator decisions, built from records in log order.
///
/// Decision lines ("access granted", "access denied") carry the canonical ARN but not the session name;
/// that is on the preceding "STS response" line of the same `client` (the API server's `ip:port`). Because
/// the API server reuses keep-alive connections, one `client` serves many requests over time, so each
/// "STS response" is paired with the next decision line of the same client and never reused.
public struct AuthenticatorIndex: Sendable {
    private struct Key: Hashable {
        var username: String
        var uid: String?
        var canonicalARN: String?
    }

    private var observationsByKey: [Key: Int] = [:]
    private var observationList: [AuthenticatorObservation] = []
    private var observationsByUsername: [String: [Int]] = [:]
    /// Counts of "access denied" lines by canonical ARN and error.
    public private(set) var deniedCounts: [AccessDeniedKey: Int] = [:]
    /// "STS response" lines followed by a decision for another identity, or by none at all.
    public private(set) var unpairedSTSResponses = 0

    public init<Records: Sequence>(records: Records) where Records.Element == AuthenticatorRecord {
        var pending: [String: AuthenticatorRecord] = [:]
        for record in records {
            switch record.message {
            case .stsResponse:
                guard let client = record.client else {
                    unpairedSTSResponses += 1
                    continue
                }
                if pending.updateValue(record, forKey: client) != nil { unpairedSTSResponses += 1 }
            case .accessGranted, .accessDenied:
                var sts = record.client.flatMap { pending.removeValue(forKey: $0) }
                if let response = sts, !Self.sameIdentity(response, record) {
                    unpairedSTSResponses += 1
                    sts = nil
                }
                if record.message == .accessGranted {
                    addGrant(record, sts: sts)
                } else {
                    deniedCounts[AccessDeniedKey(arn: record.arn, error: record.error), default: 0] += 1
                }
            }
        }
        unpairedSTSResponses += pending.count
    }

    /// Returns the observations of a username, in the order first seen. When `uid` is given, observations with
    /// another uid are left out (those without a uid are kept).
    public func observations(username: String, uid: String? = nil) -> [AuthenticatorObservation] {
        let all = (observationsByUsername[username] ?? []).map { observationList[$0] }
        guard let uid else { return all }
        return all.filter { $0.uid == nil || $0.uid == uid }
    }

    public var isEmpty: Bool { observationList.isEmpty && deniedCounts.isEmpty }

    /// Counts the "access denied" lines for a canonical ARN (compared ignoring case), over all errors.
    public func deniedCount(arn: String) -> Int {
        deniedCounts.reduce(0) { total, entry in
            guard let denied = entry.key.arn, ARN.textEqualIgnoringCase(denied, arn) else { return total }
            return total + entry.value
        }
    }

    /// Whether a decision line is about the identity of an "STS response": its ARN (when present) must be
    /// the canonical form of the STS ARN.
    private static func sameIdentity(_ sts: AuthenticatorRecord, _ decision: AuthenticatorRecord) -> Bool {
        guard let decided = decision.arn, let raw = sts.arn else { return true }
        guard let canonical = try? ARN.canonicalize(raw) else { return false }
        return ARN.textEqualIgnoringCase(canonical.description, decided)
    }

    private mutating func addGrant(_ record: AuthenticatorRecord, sts: AuthenticatorRecord?) {
        let username = record.username ?? ""
        let key = Key(username: username, uid: record.uid, canonicalARN: record.arn?.lowercased())
        let position: Int
        if let existing = observationsByKey[key] {
            position = existing
        } else {
            position = observationList.count
            observationsByKey[key] = position
            observationList.append(
                AuthenticatorObservation(username: username, uid: record.uid, canonicalARN: record.arn))
            observationsByUsername[username, default: []].append(position)
        }
        var observation = observationList[position]

        observation.grantCount += 1
        observation.groups = record.groups ?? observation.groups
        if let time = record.time {
            observation.firstSeen = min(observation.firstSeen ?? time, time)
            observation.lastSeen = max(observation.lastSeen ?? time, time)
        }
        let uidParts = AuthenticatorUID(record.uid)
        observation.accountID =
            sts?.accountID ?? observation.accountID ?? uidParts?.accountID
            ?? record.arn.flatMap { ARN($0)?.account }
        observation.principalID =
            sts?.userID.flatMap { $0.isEmpty ? nil : $0 } ?? observation.principalID ?? uidParts?.principalID

        if let sts {
            observation.pairedCount += 1
            if let session = sts.sessionName ?? sts.arn.flatMap({ ARN($0)?.sessionName }),
                !observation.sessionNames.contains(session)
            {
                observation.sessionNames.append(session)
            }
            if let key = sts.accessKeyID, !key.isEmpty, !observation.accessKeyIDs.contains(key) {
                observation.accessKeyIDs.append(key)
            }
        }
        observationList[position] = observation
    }
}
