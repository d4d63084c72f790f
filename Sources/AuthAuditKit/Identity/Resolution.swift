/// The facts gathered for one username while resolving it, and the links that state them.
struct Resolution {
    let user: UserInfo
    private(set) var links: [IdentityLink] = []
    private(set) var canonicalARN: ARN?
    private(set) var accountID: String?
    /// The exact raw session name, when known.
    private(set) var sessionName: String?
    /// A `{{SessionName}}` capture containing `-`, which may stand for `@` in the real name.
    private(set) var renderedSessionName: String?
    private(set) var templateEntry: MappingEntry?
    private(set) var ambiguity: String?
    private(set) var scrubbed = false

    init(user: UserInfo) {
        self.user = user
    }

    private mutating func add(_ kind: IdentityLinkKind, _ value: String?, _ source: IdentitySource) {
        guard let value, !value.isEmpty, !links.contains(where: { $0.kind == kind && $0.value == value }) else {
            return
        }
        links.append(IdentityLink(kind: kind, value: value, source: source))
    }

    private mutating func setARN(_ arn: ARN, source: IdentitySource) {
        canonicalARN = arn
        accountID = accountID ?? arn.account
        add(.account, arn.account, source)
        if arn.isIAMRole {
            add(.iamRole, arn.description, source)
            add(.permissionSet, SSORoleName.permissionSetName(arn: arn), source)
        } else if arn.isIAMUser {
            add(.iamUser, arn.description, source)
        }
    }

    private mutating func setSession(_ name: String, source: IdentitySource) {
        sessionName = name
        add(.sessionName, name, source)
    }

    // MARK: - Sources

    mutating func collect(_ evidence: AWSEvidence) {
        if let arn = evidence.canonicalARN { setARN(arn, source: .userExtra) }
        if let session = evidence.sessionName { setSession(session, source: .userExtra) }
        add(.accessKeyID, evidence.accessKeyID, .userExtra)
        add(.principalID, evidence.principalID, .userExtra)
        if let uid = evidence.uid {
            scrubbed = uid.isScrubbed
            accountID = accountID ?? uid.accountID
            add(.account, uid.accountID, .uid)
            add(.principalID, uid.principalID, .uid)
        }
    }

    mutating func collect(_ observations: [AuthenticatorObservation]) {
        var candidates = observations
        if let arn = canonicalARN {
            candidates = candidates.filter {
                $0.canonicalARN.map { ARN.textEqualIgnoringCase($0, arn.description) } ?? false
            }
        }
        let arns = Set(candidates.compactMap { $0.canonicalARN?.lowercased() })
        guard arns.count <= 1 else {
            let shown = candidates.compactMap(\.canonicalARN).joined(separator: ", ")
            ambiguity =
                "The authenticator log shows \(arns.count) IAM identities mapped to this username (\(shown)), and nothing in the event tells which one made this request."
            return
        }
        guard let observation = candidates.first else { return }
        if canonicalARN == nil, let arn = observation.canonicalARN.flatMap(ARN.init) {
            setARN(arn, source: .authenticatorLog)
        }
        add(.account, observation.accountID, .authenticatorLog)
        add(.principalID, observation.principalID, .authenticatorLog)
        let sessions = candidates.reduce(into: [String]()) { all, next in
            all.append(contentsOf: next.sessionNames.filter { !all.contains($0) })
        }
        if sessionName == nil {
            if sessions.count == 1 {
                setSession(sessions[0], source: .authenticatorLog)
                add(
                    .accessKeyID, observation.accessKeyIDs.count == 1 ? observation.accessKeyIDs[0] : nil,
                    .authenticatorLog)
            } else if sessions.count > 1 {
                let shown = sessions.prefix(5).joined(separator: ", ")
                ambiguity =
                    "The authenticator log shows \(sessions.count) session names for this username (\(shown)), and nothing in the event tells which one made this request."
            }
        }
    }

    mutating func collect(_ match: ReverseMatch) {
        guard match.producers.count == 1, match.ambiguousEntries.isEmpty else {
            let all = match.producers.map(\.entry) + match.ambiguousEntries
            if all.count > 1 {
                let shown = all.map(\.label).joined(separator: "; ")
                ambiguity =
                    "\(all.count) aws-auth entries can produce this username (\(shown)), so the username alone does not tell which IAM identity it is."
            } else if let entry = all.first {
                ambiguity =
                    "The aws-auth entry \(entry.label) produces this username in more than one way (template \(entry.usernameTemplate))."
            } else if let unusable = match.unusableEntries.first {
                ambiguity =
                    "The only aws-auth entry whose template fits, \(unusable.label), never matches because its role ARN has a path or is a session ARN."
            }
            return
        }
        let producer = match.producers[0]
        addMapping(producer.entry)
        if let arn = producer.arn.flatMap({ try? $0.canonical() }) { setARN(arn, source: .awsAuthTemplate) }
        if case .role(let role) = producer.entry.kind, role.roleARN == nil {
            add(.account, role.ssoAccountID, .awsAuthTemplate)
            add(.permissionSet, role.ssoPermissionSetName, .awsAuthTemplate)
        }
        let captures = producer.captures
        add(.account, captures[.accountID], .awsAuthTemplate)
        add(.accessKeyID, captures[.accessKeyID], .awsAuthTemplate)
        if let exact = captures.exactSessionName {
            setSession(exact, source: .awsAuthTemplate)
        } else if let rendered = captures[.sessionName] {
            renderedSessionName = rendered
        }
    }

    mutating func addMapping(_ entry: MappingEntry) {
        templateEntry = entry
        add(.usernameTemplate, entry.usernameTemplate, .awsAuthTemplate)
        for group in entry.groups {
            add(.mappedGroup, group, .awsAuthTemplate)
        }
    }
}
