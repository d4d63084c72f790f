extension Resolution {
    /// Decides the status and the reason from the facts gathered.
    func finish(mappingsAreEmpty: Bool, indexIsEmpty: Bool) -> IdentityChain {
        let username = user.username
        guard let arn = canonicalARN else {
            return IdentityChain(
                username: username, status: .unresolved, reason: unresolvedReason(mappingsAreEmpty, indexIsEmpty),
                links: links)
        }
        if arn.isIAMUser {
            return IdentityChain(
                username: username, status: .partial,
                reason:
                    "The request was signed with the long-term keys of IAM user \(arn.userName ?? arn.description), which have no session name naming a person.",
                links: links)
        }
        if arn.service == "sts", arn.resourceType == "federated-user" {
            return sessionStatus(arn.sessionName)
        }
        if arn.resourceType == "root" {
            return IdentityChain(
                username: username, status: .partial,
                reason: "The request was signed by the root user of account \(arn.account).", links: links)
        }
        return sessionStatus(sessionName)
    }

    private func sessionStatus(_ session: String?) -> IdentityChain {
        let username = user.username
        guard let session else {
            let reason: String
            if let rendered = renderedSessionName {
                reason =
                    "The username template replaces @ with -, so the session name may be \(rendered) or the same with a - read as @; user.extra.sessionName or the authenticator log gives the exact name."
            } else if let ambiguity {
                reason = ambiguity
            } else {
                reason =
                    "The IAM role is known but the session name is not: the event has no user.extra.sessionName and the authenticator log has no STS response for it."
            }
            return IdentityChain(username: username, status: .partial, reason: reason, links: links)
        }
        var chain = IdentityChain(username: username, status: .partial, links: links)
        switch SessionNameClassifier.classify(session) {
        case .person:
            chain.status = .resolved
            chain.links.append(
                IdentityLink(
                    kind: .person, value: session, source: links.first { $0.kind == .sessionName }?.source ?? .userExtra
                ))
        case .sdkTimestamp:
            let minted = SessionNameClassifier.sdkTimestamp(session).map(TimestampFormatter.formatSeconds) ?? "unknown"
            chain.reason =
                "The session name \(session) is the AWS SDK default: the time the token was minted (\(minted)), not a person's name."
        case .eksGetToken:
            chain.reason =
                "The session name EKSGetTokenAuth is the default of `aws eks get-token --role-arn` without --session-name, so it does not name a person."
        case .botocore:
            let started = SessionNameClassifier.botocoreTimestamp(session).map(TimestampFormatter.formatSeconds) ?? "unknown"
            chain.reason =
                "The session name \(session) is botocore's default for profile role assumption (started \(started)), not a person's name."
        case .instance:
            chain.reason =
                "The session name \(session) is an EC2 instance id: the caller is a node or an instance profile, not a person."
        case .none:
            chain.reason = "The session name is empty, so it does not name a person."
        }
        return chain
    }

    private func unresolvedReason(_ mappingsAreEmpty: Bool, _ indexIsEmpty: Bool) -> String {
        if let ambiguity { return ambiguity }
        if scrubbed {
            return
                "The uid marks this account as scrubbed by the authenticator, which then records no ARN, and no aws-auth entry produces this username."
        }
        if accountID != nil {
            return
                "Only the account and principal id are known from the uid; no aws-auth entry produces this username and the authenticator log does not record it."
        }
        if mappingsAreEmpty && indexIsEmpty {
            return
                "The event has no user.extra or authenticator uid, and no aws-auth mapping or authenticator log was given."
        }
        if mappingsAreEmpty {
            return
                "The event has no user.extra or authenticator uid, the authenticator log does not record this username, and no aws-auth mapping was given."
        }
        return
            "No aws-auth entry produces this username, the event has no user.extra or authenticator uid, and the authenticator log does not record it."
    }
}
