/// One problem that `MappingLinter` found in an aws-auth ConfigMap, IAMIdentityMapping set or DynamicFile.
///
/// The finding contains data only, and `message` words it.
public struct MappingFinding: Sendable, Equatable {
    /// The file path as given, or `<stdin>`.
    public var source: String
    /// The 1-based line of the entry or key in the file. Entries inside a quoted or folded `mapRoles` string all get
    /// the line of that string, because line breaks inside such a scalar are not kept.
    public var line: Int
    public var problem: MappingProblem

    public init(source: String, line: Int, problem: MappingProblem) {
        self.source = source
        self.line = line
        self.problem = problem
    }

    public var severity: DiagnosticSeverity { problem.severity }

    /// The stable kebab-case name of the rule, for filtering and for documentation.
    public var ruleID: String { problem.ruleID }
}

/// A mapping entry named in a finding.
public struct MappingEntryReference: Sendable, Equatable {
    public enum Key: Sendable, Equatable {
        /// A `mapRoles` entry (aws-auth ConfigMap or DynamicFile) with `rolearn` as written.
        case roleARN(String)
        /// A `mapUsers` entry with `userarn` as written.
        case userARN(String)
        /// A `mapRoles` entry with the `sso` matcher instead of `rolearn`.
        case ssoMatcher(permissionSetName: String, accountID: String)
        /// An IAMIdentityMapping object, by `metadata.name`, with its `spec.arn` as written.
        case identityMapping(name: String, arn: String)
    }

    public var key: Key
    public var line: Int
    /// The 1-based position in its `mapRoles` or `mapUsers` list (1 for an IAMIdentityMapping), which distinguishes
    /// entries that share a line.
    public var index: Int

    public init(key: Key, line: Int, index: Int) {
        self.key = key
        self.line = line
        self.index = index
    }
}

/// The kind of problem, with the values needed to word it.
public enum MappingProblem: Sendable, Equatable {
    // MARK: Reading the file

    /// The file, or the YAML text inside `data.<field>`, is not valid YAML.
    case invalidYAML(field: String?, error: DocumentParseError)
    /// The file contains no mapping object at all.
    case noMappings
    /// A document that is neither a Kubernetes object nor a DynamicFile.
    case unrecognizedDocument
    /// A Kubernetes object of a kind that contains no IAM mappings.
    case unsupportedKind(String)
    /// A ConfigMap other than `kube-system/aws-auth`, named `namespace/name`.
    case otherConfigMap(name: String)
    case dataNotMapping(kind: String)
    /// A `data` value that is not a string, which makes Kubernetes reject the ConfigMap.
    case dataValueNotString(key: String, kind: String)
    /// A `data` key such as `maproles` that the authenticator does not read because keys are case-sensitive.
    case dataKeyWrongCase(key: String, expected: String)
    case entriesNotList(field: String, kind: String)
    /// An entry that the authenticator drops while decoding; `index` is 1-based, `reason` is the decoder's reason.
    case invalidEntry(field: String, index: Int, reason: String)
    case identityMappingWithoutARN(name: String)
    case identityMappingInvalidARN(name: String, arn: String)
    case invalidAccountID(index: Int, text: String)

    // MARK: ARNs

    /// A role ARN with a path; `pathless` is the form that matches.
    case roleARNHasPath(MappingEntryReference, pathless: String)
    /// An STS assumed-role ARN; `roleARN` is its canonical IAM role ARN.
    case sessionARN(MappingEntryReference, roleARN: String)
    /// An ARN whose region field is set; `corrected` is the ARN that matches.
    case arnHasRegion(MappingEntryReference, region: String, corrected: String)
    case invalidARN(MappingEntryReference, reason: ARNCanonicalizationError)
    /// A path-less IAM role ARN under `mapUsers`.
    case roleARNInMapUsers(MappingEntryReference)
    /// An entry replaced by a later entry for the same ARN, written on `winnerLine`.
    case duplicateEntry(MappingEntryReference, winnerLine: Int)

    // MARK: Usernames and groups

    /// Two entries whose username templates can render the same username, such as `example`.
    case usernamesOverlap(
        MappingEntryReference, template: String, other: MappingEntryReference, otherTemplate: String, example: String)
    /// A role entry whose username does not change from one session to the next.
    case usernameWithoutSession(MappingEntryReference, template: String, suggestion: String)
    case reservedUsernamePrefix(MappingEntryReference, username: String, prefix: String)
    /// A group that no RoleBinding or ClusterRoleBinding names.
    case groupNotBound(MappingEntryReference, group: String)
    /// A `{{SessionName}}` template for a role whose observed session names contain `@`; `sessionName` is one of
    /// them and `count` how many there are.
    case sessionNameWithAtSign(MappingEntryReference, template: String, sessionName: String, count: Int)
}

extension MappingProblem {
    public var ruleID: String {
        switch self {
        case .invalidYAML: "invalid-yaml"
        case .noMappings: "no-mappings"
        case .unrecognizedDocument: "unrecognized-document"
        case .unsupportedKind: "unsupported-kind"
        case .otherConfigMap: "not-aws-auth"
        case .dataNotMapping: "data-not-mapping"
        case .dataValueNotString: "data-value-not-string"
        case .dataKeyWrongCase: "data-key-case"
        case .entriesNotList: "entries-not-list"
        case .invalidEntry: "invalid-entry"
        case .identityMappingWithoutARN, .identityMappingInvalidARN: "invalid-identity-mapping"
        case .invalidAccountID: "invalid-account-id"
        case .roleARNHasPath: "role-arn-has-path"
        case .sessionARN: "session-arn"
        case .arnHasRegion: "arn-has-region"
        case .invalidARN: "invalid-arn"
        case .roleARNInMapUsers: "role-in-map-users"
        case .duplicateEntry: "duplicate-arn"
        case .usernamesOverlap: "username-overlap"
        case .usernameWithoutSession: "username-without-session"
        case .reservedUsernamePrefix: "reserved-username-prefix"
        case .groupNotBound: "group-not-bound"
        case .sessionNameWithAtSign: "session-name-email"
        }
    }

    /// Errors are input that the authenticator or Kubernetes rejects or ignores, and entries that can never match.
    /// Warnings are entries that work but mislead people or audits. Notes are objects skipped on purpose.
    public var severity: DiagnosticSeverity {
        switch self {
        case .invalidYAML, .noMappings, .unrecognizedDocument, .dataNotMapping, .dataValueNotString,
            .dataKeyWrongCase, .entriesNotList, .invalidEntry, .identityMappingWithoutARN, .identityMappingInvalidARN,
            .invalidAccountID, .roleARNHasPath, .sessionARN, .arnHasRegion, .invalidARN:
            .error
        case .roleARNInMapUsers, .duplicateEntry, .usernamesOverlap, .usernameWithoutSession, .reservedUsernamePrefix,
            .groupNotBound, .sessionNameWithAtSign:
            .warning
        case .unsupportedKind, .otherConfigMap:
            .note
        }
    }
}
