/// The kind of Identity Center principal an account assignment is made to (`PrincipalType` in
/// `sso-admin` output).
public enum SSOPrincipalType: String, Sendable, Hashable {
    case group = "GROUP"
    case user = "USER"
}

/// One IAM Identity Center account assignment: a principal holds a permission set in an AWS account.
///
/// Names come from the inputs: the `SSOAssignments` YAML names everything itself, while
/// `sso-admin list-account-assignments` output carries only ids, which are replaced by names from
/// `identitystore list-groups` and `sso-admin describe-permission-set` output when those are given.
/// A name that no input provides stays an id (or ARN), and the join reports it.
public struct SSOAssignment: Sendable, Hashable {
    /// The 12-digit AWS account id.
    public var account: String
    /// The permission set name, or its ARN when no `describe-permission-set` output named it.
    public var permissionSetName: String
    /// The permission set ARN, when the input had one.
    public var permissionSetARN: String?
    /// The group display name (for example the Active Directory group), or the Identity Store id
    /// when no `list-groups` output named it. For user principals this is the user id.
    public var principalName: String
    /// The Identity Store `GroupId` or `UserId`, when the input had one.
    public var principalID: String?
    public var principalType: SSOPrincipalType

    public init(
        account: String, permissionSetName: String, principalName: String, principalType: SSOPrincipalType = .group,
        permissionSetARN: String? = nil, principalID: String? = nil
    ) {
        self.account = account
        self.permissionSetName = permissionSetName
        self.permissionSetARN = permissionSetARN
        self.principalName = principalName
        self.principalID = principalID
        self.principalType = principalType
    }
}

/// All known account assignments, with the lookups the identity reports need.
public struct SSOAssignmentSet: Sendable, Equatable {
    /// Assignments in input order, without duplicates.
    public private(set) var assignments: [SSOAssignment]

    public init(_ assignments: [SSOAssignment] = []) {
        var seen: Set<SSOAssignment> = []
        self.assignments = assignments.filter { seen.insert($0).inserted }
    }

    /// Returns the sorted names of the groups that hold a permission set in an account.
    ///
    /// `permissionSet` is the name as it appears in an `AWSReservedSSO_<name>_<suffix>` role (see
    /// `SSORoleName`) or a permission set ARN. Names are compared ignoring case, because
    /// aws-iam-authenticator's `sso` role matcher lower-cases them too; unresolved assignments
    /// match by ARN.
    public func groups(holding permissionSet: String, account: String) -> [String] {
        let wanted = permissionSet.lowercased()
        var names: Set<String> = []
        for assignment in assignments where assignment.principalType == .group && assignment.account == account {
            if assignment.permissionSetName.lowercased() == wanted || assignment.permissionSetARN == permissionSet {
                names.insert(assignment.principalName)
            }
        }
        return names.sorted()
    }

    /// Returns the assignments of one group (by name or id), in input order.
    public func assignments(ofGroup group: String) -> [SSOAssignment] {
        assignments.filter {
            $0.principalType == .group && ($0.principalName == group || $0.principalID == group)
        }
    }
}
