extension MappingFinding {
    /// One plain English sentence that states what is wrong and what to do, without the file, line or severity.
    public var message: String {
        switch problem {
        case .invalidYAML, .noMappings, .unrecognizedDocument, .unsupportedKind, .otherConfigMap, .dataNotMapping,
            .dataValueNotString, .dataKeyWrongCase, .entriesNotList, .invalidEntry, .identityMappingWithoutARN,
            .identityMappingInvalidARN, .invalidAccountID:
            MappingMessages.reading(problem)
        case .roleARNHasPath, .sessionARN, .arnHasRegion, .invalidARN, .roleARNInMapUsers, .duplicateEntry:
            MappingMessages.arn(problem)
        case .usernamesOverlap, .usernameWithoutSession, .reservedUsernamePrefix, .groupNotBound,
            .sessionNameWithAtSign:
            MappingMessages.username(problem)
        }
    }
}

/// The wording of `MappingFinding.message`, one function per group of rules.
enum MappingMessages {
    private static let mappingKinds = "aws-auth ConfigMap, IAMIdentityMapping or DynamicFile document"

    static func reading(_ problem: MappingProblem) -> String {
        switch problem {
        case .invalidYAML(nil, let error):
            let place = "column \(error.mark.column)"
            return "the file is not valid YAML (\(yamlDetail(error, place: place))), so nothing in it is read; "
                + "correct the syntax"
        case .invalidYAML(let field?, let error):
            let place = "line \(error.mark.line), column \(error.mark.column) of its text"
            return "data.\(field) is not valid YAML (\(yamlDetail(error, place: place))), so the authenticator "
                + "ignores every entry in it; correct the syntax"
        case .noMappings:
            return "the input contains no \(mappingKinds), so there is nothing to check; "
                + "pass the output of kubectl -n kube-system get configmap aws-auth -o yaml"
        case .unrecognizedDocument:
            return "this document is not an \(mappingKinds) and was skipped; "
                + "remove it or check that this is the right file"
        case .unsupportedKind(let kind):
            return "this \(kind) was skipped because it contains no IAM mappings"
        case .otherConfigMap(let name):
            return "ConfigMap \(name) was skipped because only kube-system/aws-auth contains IAM mappings"
        case .dataNotMapping(let kind):
            return "data of the aws-auth ConfigMap is a \(kind), not a mapping, so it maps nobody; "
                + "write mapRoles, mapUsers and mapAccounts as keys under data"
        case .dataValueNotString(let key, let kind):
            let fix = kind == "list" ? "write `\(key): |` so that the list becomes a string" : "quote the value"
            return "data.\(key) is a \(kind), not a string, so Kubernetes rejects the whole aws-auth ConfigMap "
                + "and none of its entries apply; \(fix)"
        case .dataKeyWrongCase(let key, let expected):
            return "data.\(key) is ignored because aws-iam-authenticator reads data keys case-sensitively; "
                + "rename it to \(expected)"
        case .entriesNotList(let field, let kind):
            let items = field == "mapAccounts" ? "account ids" : "entries"
            return "\(field) is a \(kind), not a list of \(items), so all of it is ignored; "
                + "start each item on its own line with \"- \""
        case .invalidEntry(let field, let index, let reason):
            return "\(field) entry \(index) is ignored because \(reason); correct the entry or delete it"
        case .identityMappingWithoutARN(let name):
            return "IAMIdentityMapping \(name) has no spec.arn, so it maps nobody; "
                + "set spec.arn to the ARN of the IAM role or user"
        case .identityMappingInvalidARN(let name, let arn):
            return "IAMIdentityMapping \(name) was skipped because spec.arn \(arn) is not an IAM role or user ARN; "
                + "set spec.arn to arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name>"
        case .invalidAccountID(let index, let text):
            return "mapAccounts entry \(index) (\(text)) is not a 12-digit account id, so no ARN can match it; "
                + "write the account id as 12 digits in quotes"
        default:
            preconditionFailure("\(problem.ruleID) is not a reading problem")
        }
    }

    static func arn(_ problem: MappingProblem) -> String {
        switch problem {
        case .roleARNHasPath(let entry, let pathless):
            if case .userARN(let arn) = entry.key {
                return "userarn \(arn) is a role ARN with a path, so it never matches: aws-iam-authenticator "
                    + "compares the role ARN without its path; map \(pathless) under mapRoles"
            }
            return "\(subject(entry)) has a path, so it never matches: aws-iam-authenticator compares the ARN "
                + "without its path; use \(pathless)"
        case .sessionARN(let entry, let roleARN):
            let fix = entry.key.isUserEntry ? "map \(roleARN) under mapRoles" : "use \(roleARN)"
            return "\(subject(entry)) is an STS assumed-role session ARN, so it never matches: aws-iam-authenticator "
                + "compares the IAM role ARN of each session; \(fix)"
        case .arnHasRegion(let entry, let region, let corrected):
            return "\(subject(entry)) has the region \(region), so it never matches: IAM ARNs have an empty region "
                + "field; use \(corrected)"
        case .invalidARN(let entry, let reason):
            return "\(subject(entry)) \(invalidARNDetail(reason)), so it never matches; "
                + "use the ARN of the IAM role or user that signs the token"
        case .roleARNInMapUsers(let entry):
            return "\(subject(entry)) is a role ARN under mapUsers: aws-iam-authenticator still matches it, but only "
                + "when no mapRoles entry matches the role; move the entry to mapRoles as rolearn"
        case .duplicateEntry(let entry, let winnerLine):
            let place = winnerLine == entry.line ? "later on the same line" : "again on line \(winnerLine)"
            return "\(subject(entry)) is mapped \(place), and aws-iam-authenticator keeps only the last entry "
                + "for an ARN (compared ignoring case), so this entry is ignored; merge the two entries into one"
        default:
            preconditionFailure("\(problem.ruleID) is not an ARN problem")
        }
    }

    static func username(_ problem: MappingProblem) -> String {
        switch problem {
        case .usernamesOverlap(let entry, let template, let other, let otherTemplate, let example):
            let place = other.line == entry.line ? "in entry \(other.index) on the same line" : "on line \(other.line)"
            return "username \(template) of \(subject(entry)) and username \(otherTemplate) of \(subject(other)) "
                + "\(place) can render the same username, for example \(example), so an audit log username "
                + "cannot be traced to one of them; give each entry its own prefix"
        case .usernameWithoutSession(let entry, let template, let suggestion):
            let usernameText = template.isEmpty ? "the empty username" : "username \(template)"
            return
                "\(usernameText) of \(subject(entry)) has no {{SessionName}}, {{SessionNameRaw}} or {{AccessKeyID}}, "
                + "so every session of every person who assumes the role gets the same Kubernetes username; "
                + "use \(suggestion)"
        case .reservedUsernamePrefix(let entry, let username, let prefix):
            return "username \(username) of \(subject(entry)) starts with the reserved prefix \(prefix), which EKS "
                + "access entries reject and which can collide with identities of Kubernetes or EKS itself; "
                + "choose a username that starts with none of system:, eks:, aws:, amazon: and iam:"
        case .groupNotBound(let entry, let group):
            return "group \(group) of \(subject(entry)) is not a subject of any RoleBinding or ClusterRoleBinding, "
                + "so it grants no RBAC permission; bind the group or remove it from the entry"
        case .sessionNameWithAtSign(let entry, let template, let sessionName, let count):
            let rendered = UsernameTemplate(template).render(TemplateValues(sessionName: sessionName))
            let intended = UsernameTemplate(template.replacingAll("{{SessionName}}", with: "{{SessionNameRaw}}"))
                .render(TemplateValues(sessionName: sessionName))
            let others = count > 1 ? " (one of \(count) such session names)" : ""
            return "username \(template) of \(subject(entry)) replaces the @ in session names with -, so the "
                + "session \(sessionName)\(others) becomes \(rendered) and RBAC written for \(intended) never "
                + "matches; use {{SessionNameRaw}} or write RBAC subjects in the - form"
        default:
            preconditionFailure("\(problem.ruleID) is not a username problem")
        }
    }

    /// Names the entry as the reader finds it in the file: by its ARN field, `sso` matcher or IAMIdentityMapping.
    static func subject(_ entry: MappingEntryReference) -> String {
        switch entry.key {
        case .roleARN(let arn): "rolearn \(arn)"
        case .userARN(let arn): "userarn \(arn)"
        case .ssoMatcher(let name, let account): "the sso entry for permission set \(name) in account \(account)"
        case .identityMapping(let name, let arn): "IAMIdentityMapping \(name) (spec.arn \(arn))"
        }
    }

    private static func invalidARNDetail(_ reason: ARNCanonicalizationError) -> String {
        switch reason {
        case .invalid:
            "is not an ARN of the form arn:<partition>:<service>:<region>:<account>:<resource>"
        case .unknownPartition(let partition):
            "has the partition \"\(partition)\", which aws-iam-authenticator does not accept"
        case .assumedRoleWithoutRole:
            "is an assumed-role ARN without both a role name and a session name"
        case .unsupportedResource(let service, let resource):
            "has the resource type \(resource.split(separator: "/").first ?? "") of service \(service), which is "
                + "neither an IAM role nor an IAM user"
        }
    }

    /// libyaml's problem and context, or the parser's own reason, followed by where it was found.
    private static func yamlDetail(_ error: DocumentParseError, place: String) -> String {
        switch error.reason {
        case .syntax(let problem, let context):
            return [problem, context].compactMap { $0 }.joined(separator: " ") + " at \(place)"
        case .undefinedAlias(let name):
            return "the alias *\(name) at \(place) names no anchor defined before it"
        case .aliasExpansionTooLarge(let limit):
            return "expanding its aliases would create more than \(limit) nodes, at \(place)"
        case .complexKey:
            return "the mapping key at \(place) is a list or a mapping"
        }
    }
}

extension MappingEntryReference.Key {
    var isUserEntry: Bool {
        if case .userARN = self { return true }
        return false
    }
}
