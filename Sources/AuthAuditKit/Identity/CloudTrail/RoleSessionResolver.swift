/// Traces role sessions back to the person, IAM user or service that started them, through the recorded
/// `AssumeRole*` calls.
///
/// Each step looks for the assumption that created the caller's session: first by the caller's access key id,
/// then by the caller's role and session name at the call's time. It never picks one of several matches: then
/// the chain ends in `RoleSessionGap.ambiguous`. Records with the same `eventID` (a trail delivered twice,
/// overlapping exports) count once.
public struct RoleSessionResolver: Sendable {
    private let assumptions: [RoleAssumption]
    private let indicesByAccessKey: [String: [Int]]
    private let indicesByRoleSession: [RoleSessionKey: [Int]]

    /// Indexes assumptions given in any order.
    public init(assumptions: [RoleAssumption]) {
        var unique: [RoleAssumption] = []
        var seenEventIDs: Set<String> = []
        for assumption in assumptions {
            if let eventID = assumption.eventID {
                guard seenEventIDs.insert(eventID).inserted else { continue }
            }
            unique.append(assumption)
        }
        unique.sort { $0.eventTime < $1.eventTime }

        var byAccessKey: [String: [Int]] = [:]
        var byRoleSession: [RoleSessionKey: [Int]] = [:]
        for (index, assumption) in unique.enumerated() {
            if let key = assumption.session.accessKeyID {
                byAccessKey[key, default: []].append(index)
            }
            if let key = RoleSessionKey(assumption.session) {
                byRoleSession[key, default: []].append(index)
            }
        }
        self.assumptions = unique
        indicesByAccessKey = byAccessKey
        indicesByRoleSession = byRoleSession
    }

    /// Traces the session that was issued an access key id (`ASIA…`).
    public func resolve(accessKeyID: String) -> RoleSessionChain {
        let candidates = indicesByAccessKey[accessKeyID] ?? []
        guard let first = candidates.first else {
            return RoleSessionChain(hops: [], origin: .unknown(.sessionNotFound))
        }
        guard candidates.count == 1 else {
            let session = assumptions[first].session
            return RoleSessionChain(
                hops: [], origin: .unknown(ambiguity(session.roleARN, session.sessionName, candidates)))
        }
        return trace(from: first, match: .accessKeyID(accessKeyID))
    }

    /// Traces the session of a role with a session name that was valid at `time`.
    ///
    /// - Parameter roleARN: An IAM role ARN with or without its path, or the session's STS assumed-role ARN.
    public func resolve(roleARN: String, sessionName: String, at time: Timestamp) -> RoleSessionChain {
        guard let key = RoleSessionKey(roleARN: roleARN, sessionName: sessionName) else {
            return RoleSessionChain(hops: [], origin: .unknown(.sessionNotFound))
        }
        let candidates = sessions(key, validAt: time, excludingOtherKeysThan: nil)
        guard let first = candidates.first else {
            return RoleSessionChain(hops: [], origin: .unknown(.sessionNotFound))
        }
        guard candidates.count == 1 else {
            return RoleSessionChain(hops: [], origin: .unknown(ambiguity(roleARN, sessionName, candidates)))
        }
        let match = RoleSessionMatch.roleSession(
            roleARN: assumptions[first].session.roleARN, sessionName: sessionName, time: time)
        return trace(from: first, match: match)
    }

    // MARK: - Walking the chain

    private func trace(from start: Int, match: RoleSessionMatch) -> RoleSessionChain {
        var hops = [RoleSessionHop(assumption: assumptions[start], match: match)]
        var visited: Set<Int> = [start]
        var current = start
        while true {
            let step = callerStep(of: assumptions[current])
            switch step {
            case .origin(let origin):
                return RoleSessionChain(hops: hops, origin: origin)
            case .session(let index, let match):
                guard visited.insert(index).inserted else {
                    return RoleSessionChain(hops: hops, origin: .unknown(.cycle(eventID: assumptions[index].eventID)))
                }
                hops.append(RoleSessionHop(assumption: assumptions[index], match: match))
                current = index
            }
        }
    }

    private enum CallerStep {
        case origin(RoleSessionOrigin)
        case session(Int, RoleSessionMatch)
    }

    /// The origin named by an assumption's caller, or the assumption that created the caller's session.
    private func callerStep(of assumption: RoleAssumption) -> CallerStep {
        let caller = assumption.caller
        switch caller.type {
        case "SAMLUser", "WebIdentityUser":
            guard let name = caller.federatedSubject ?? caller.userName else {
                return .origin(.unknown(.federatedUserWithoutName))
            }
            let kind = Self.federationKind(of: assumption)
            return .origin(.federatedUser(name: name, kind: kind, identityProvider: caller.identityProvider))
        case "IdentityCenterUser":
            guard let userID = caller.onBehalfOfUserID ?? caller.userName ?? caller.principalID else {
                return .origin(.unknown(.federatedUserWithoutName))
            }
            return .origin(.identityCenterUser(userID: userID))
        case "IAMUser":
            return .origin(.iamUser(arn: caller.arn, userName: caller.userName ?? ARN(caller.arn ?? "")?.userName))
        case "Root":
            return .origin(.rootAccount(accountID: caller.accountID))
        case "AWSService":
            return .origin(.awsService(caller.invokedBy))
        case "AssumedRole":
            return callerSessionStep(of: assumption)
        default:
            return .origin(.unknown(.unsupportedCaller(type: caller.type)))
        }
    }

    /// Finds the assumption that created an `AssumedRole` caller's session.
    private func callerSessionStep(of assumption: RoleAssumption) -> CallerStep {
        let caller = assumption.caller
        let missing = CallerStep.origin(
            .unknown(.callerAssumptionMissing(callerARN: caller.arn, accessKeyID: caller.accessKeyID)))

        if let accessKeyID = caller.accessKeyID {
            let byKey = (indicesByAccessKey[accessKeyID] ?? []).filter {
                assumptions[$0].eventTime <= assumption.eventTime
            }
            if byKey.count == 1 {
                return .session(byKey[0], .accessKeyID(accessKeyID))
            }
            if byKey.count > 1 {
                let session = assumptions[byKey[0]].session
                return .origin(.unknown(ambiguity(session.roleARN, session.sessionName, byKey)))
            }
        }

        guard let arnText = caller.arn, let callerARN = ARN(arnText), callerARN.isAssumedRole,
            let sessionName = callerARN.sessionName,
            let key = RoleSessionKey(roleARN: arnText, sessionName: sessionName)
        else { return missing }
        let candidates = sessions(key, validAt: assumption.eventTime, excludingOtherKeysThan: caller.accessKeyID)
        guard let first = candidates.first else { return missing }
        guard candidates.count == 1 else {
            return .origin(.unknown(ambiguity(assumptions[first].session.roleARN, sessionName, candidates)))
        }
        let match = RoleSessionMatch.roleSession(
            roleARN: assumptions[first].session.roleARN, sessionName: sessionName, time: assumption.eventTime)
        return .session(first, match)
    }

    /// Assumptions of a role session valid at `time`. When the caller's access key id is known, sessions issued
    /// another key are left out: they are certainly other sessions of the same name.
    private func sessions(_ key: RoleSessionKey, validAt time: Timestamp, excludingOtherKeysThan accessKeyID: String?)
        -> [Int]
    {
        (indicesByRoleSession[key] ?? []).filter { index in
            let candidate = assumptions[index]
            guard candidate.isValid(at: time) else { return false }
            guard let accessKeyID, let issued = candidate.session.accessKeyID else { return true }
            return issued == accessKeyID
        }
    }

    private func ambiguity(_ roleARN: String, _ sessionName: String, _ indices: [Int]) -> RoleSessionGap {
        .ambiguous(roleARN: roleARN, sessionName: sessionName, eventIDs: indices.map { assumptions[$0].eventID ?? "" })
    }

    private static func federationKind(of assumption: RoleAssumption) -> FederationKind {
        if assumption.eventName == .assumeRoleWithWebIdentity { return .webIdentity }
        let isSSOProvider = assumption.caller.identityProvider?.hasPrefix("AWSSSO_") ?? false
        let isSSORole = ARN(assumption.session.requestedRoleARN).flatMap(SSORoleName.permissionSetName(arn:)) != nil
        return isSSOProvider || isSSORole ? .identityCenter : .saml
    }
}

/// A role session name within one account and partition. IAM role names are unique ignoring case, so the
/// role name is compared lower-cased; session names keep their case.
private struct RoleSessionKey: Hashable {
    var partition: String
    var account: String
    var roleName: String
    var sessionName: String

    /// Builds the key from an IAM role ARN (with or without path) or an STS assumed-role ARN.
    init?(roleARN: String, sessionName: String) {
        guard let arn = ARN(roleARN), let roleName = arn.roleName else { return nil }
        partition = arn.partition
        account = arn.account
        self.roleName = roleName.lowercased()
        self.sessionName = sessionName
    }

    init?(_ session: AssumedRoleSession) {
        self.init(roleARN: session.assumedRoleARN, sessionName: session.sessionName)
    }
}
