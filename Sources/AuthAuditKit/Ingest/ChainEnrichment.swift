/// Extends an identity chain beyond the aws-auth mapping: to the person who created a role session
/// (CloudTrail), to that person's directory entry and groups, and to the SSO assignments that gave
/// the groups the permission set.
struct ChainEnrichment {
    /// The CloudTrail role sessions, nil when no CloudTrail record was ingested.
    let roleSessions: RoleSessionResolver?
    let directory: Directory?
    let assignments: SSOAssignmentSet?

    /// Directory groups of an identity and where they came from.
    struct Groups {
        var names: [String] = []
        var source: IdentitySource = .directory
    }

    /// Adds links to `chain` and returns the identity's directory groups.
    func enrich(_ chain: inout IdentityChain, firstSeen: Timestamp?) -> Groups {
        if chain.value(.person) == nil, chain.value(.iamRole) != nil {
            traceRoleSession(&chain, at: firstSeen)
        }
        var groups = Groups()
        if let name = chain.value(.person), let directory {
            groups = addDirectoryPerson(name, directory: directory, to: &chain)
        } else if let candidates = assignmentGroups(chain), !candidates.isEmpty {
            // The person is unknown, but the permission set is held by these groups only.
            groups = Groups(names: candidates, source: .ssoAssignments)
        }
        return groups
    }

    // MARK: - CloudTrail

    private func traceRoleSession(_ chain: inout IdentityChain, at time: Timestamp?) {
        guard let roleSessions else {
            if let kind = chain.value(.sessionName).map(SessionNameClassifier.classify), Self.isAnonymous(kind) {
                chain.reason = (chain.reason.map { $0 + " " } ?? "")
                    + "No CloudTrail record was ingested, so the AssumeRole call that created the session,"
                    + " and the person who made it, are unknown."
            }
            return
        }
        let resolved: RoleSessionChain
        if let key = chain.value(.accessKeyID) {
            resolved = roleSessions.resolve(accessKeyID: key)
        } else if let role = chain.value(.iamRole), let session = chain.value(.sessionName), let time {
            resolved = roleSessions.resolve(roleARN: role, sessionName: session, at: time)
        } else {
            return
        }

        for hop in resolved.hops {
            let caller = hop.assumption.caller
            if let arn = caller.arn {
                chain.links.append(
                    IdentityLink(kind: .callerSession, value: arn, source: .cloudTrail, observedAt: hop.time))
            }
        }
        switch resolved.origin {
        case .federatedUser(let name, _, _):
            let time = resolved.hops.last?.time
            chain.links.append(IdentityLink(kind: .person, value: name, source: .cloudTrail, observedAt: time))
            chain.status = .resolved
            chain.reason = nil
        case .iamUser(let arn, let userName):
            let name = userName ?? arn ?? "an IAM user"
            chain.reason = "CloudTrail shows the session was created with the long-term keys of IAM user \(name),"
                + " which name no person."
        case .identityCenterUser(let userID):
            chain.reason = "CloudTrail names only the IAM Identity Center user id \(userID), not the user name."
        case .rootAccount(let account):
            chain.reason = "CloudTrail shows the session was created by the root user of account \(account ?? "?")."
        case .awsService(let service):
            chain.reason = "CloudTrail shows the session was created by the AWS service \(service ?? "?"), not a person."
        case .unknown(let gap):
            chain.reason = (chain.reason.map { $0 + " " } ?? "") + Self.describe(gap)
        }
    }

    private static func isAnonymous(_ kind: SessionNameKind) -> Bool {
        kind == .sdkTimestamp || kind == .eksGetToken || kind == .botocore
    }

    static func describe(_ gap: RoleSessionGap) -> String {
        switch gap {
        case .sessionNotFound:
            return "No ingested CloudTrail record created this session."
        case .callerAssumptionMissing(let arn, _):
            return "CloudTrail shows the session was created by \(arn ?? "another role session"), whose own"
                + " AssumeRole record was not ingested."
        case .ambiguous(_, let session, let eventIDs):
            return "Several CloudTrail records (\(eventIDs.joined(separator: ", "))) could have created session"
                + " \(session); none is picked."
        case .cycle:
            return "The CloudTrail records contradict each other (a cycle of role sessions)."
        case .federatedUserWithoutName:
            return "The CloudTrail sign-in record names no user."
        case .unsupportedCaller(let type):
            return "CloudTrail names a caller of type \(type ?? "unknown"), which does not lead to a person."
        }
    }

    // MARK: - Directory and assignments

    private func addDirectoryPerson(_ name: String, directory: Directory, to chain: inout IdentityChain) -> Groups {
        guard let person = directory.person(matching: name) else {
            // With a directory at hand, a name it does not know is not taken for a person: session
            // names such as `GitHubActions` or `EKS` name a tool, not someone.
            let matches = directory.people(matching: name)
            chain.links.removeAll { $0.kind == .person }
            chain.status = .partial
            if matches.count > 1 {
                chain.reason = "\(matches.count) directory entries match \(name); none is picked."
            } else {
                chain.reason = "\(name) matches no person of the directory export (by user principal name, mail or"
                    + " sAMAccountName)."
            }
            return Groups()
        }
        if let index = chain.links.firstIndex(where: { $0.kind == .person }) {
            // The directory account name becomes the person; the name it was found by stays a link.
            let account = person.samAccountName ?? person.userPrincipalName ?? name
            chain.links.insert(IdentityLink(kind: .person, value: account, source: .directory), at: index)
        }
        chain.links.append(IdentityLink(kind: .directoryEntry, value: person.dn, source: .directory))
        var names = directory.groups(of: person).map(\.name)
        var source = IdentitySource.directory
        if let holding = assignmentGroups(chain) {
            // Of the person's groups, those that hold the permission set are how the access was given.
            let giving = names.filter { name in holding.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }
            if !giving.isEmpty {
                names = giving
                source = .ssoAssignments
            }
        }
        for group in names {
            chain.links.append(IdentityLink(kind: .directoryGroup, value: group, source: source))
        }
        return Groups(names: names, source: source)
    }

    /// The groups that hold the chain's permission set in its account, nil when unknown.
    private func assignmentGroups(_ chain: IdentityChain) -> [String]? {
        guard let assignments, let permissionSet = chain.value(.permissionSet), let account = chain.value(.account)
        else { return nil }
        return assignments.groups(holding: permissionSet, account: account)
    }
}
