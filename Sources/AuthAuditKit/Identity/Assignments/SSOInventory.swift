/// Account assignments, group names and permission set names collected from any number of inputs.
///
/// `sso-admin list-account-assignments` output names principals and permission sets only by id and
/// ARN, and their names come from other commands, often in other files. Merge the inventory of
/// every file, then call `joined()` once.
public struct SSOInventory: Sendable, Equatable {
    /// An assignment with the input position used to report names that stay unresolved.
    struct Located: Sendable, Equatable {
        var assignment: SSOAssignment
        var source: String
        var line: Int?
        /// Whether the assignment holds ids that `joined()` replaces by names.
        var needsNames: Bool
    }

    var located: [Located] = []
    /// Group display names by Identity Store `GroupId`, from `identitystore list-groups`.
    public internal(set) var groupNames: [String: String] = [:]
    /// Permission set names by ARN, from `sso-admin describe-permission-set`.
    public internal(set) var permissionSetNames: [String: String] = [:]

    public init() {}

    /// The assignments read so far, ids not yet replaced.
    public var assignments: [SSOAssignment] { located.map(\.assignment) }

    /// Adds another input's inventory. For a group id or permission set ARN named twice, the later
    /// name wins.
    public mutating func merge(_ other: SSOInventory) {
        located += other.located
        groupNames.merge(other.groupNames) { _, later in later }
        permissionSetNames.merge(other.permissionSetNames) { _, later in later }
    }

    /// Replaces group ids and permission set ARNs by names and returns the assignments with one
    /// warning per group id or permission set ARN that no input names.
    ///
    /// User principals keep their `UserId`, because no user listing is read, and get no warning.
    public func joined() -> (assignments: SSOAssignmentSet, diagnostics: [Diagnostic]) {
        var resolved: [SSOAssignment] = []
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for item in located {
            var assignment = item.assignment
            guard item.needsNames else {
                resolved.append(assignment)
                continue
            }
            if let arn = assignment.permissionSetARN {
                if let name = permissionSetNames[arn] {
                    assignment.permissionSetName = name
                } else if reported.insert("ps:" + arn).inserted {
                    diagnostics.append(
                        warning(
                            item,
                            "Permission set \(arn) has no name in any describe-permission-set output, "
                                + "so its assignments show the ARN. Add that output to resolve it."))
                }
            }
            if assignment.principalType == .group, let id = assignment.principalID {
                if let name = groupNames[id] {
                    assignment.principalName = name
                } else if reported.insert("group:" + id).inserted {
                    diagnostics.append(
                        warning(
                            item,
                            "Group \(id) has no DisplayName in any identitystore list-groups output, "
                                + "so its assignments show the id. Add that output to resolve it."))
                }
            }
            resolved.append(assignment)
        }
        return (SSOAssignmentSet(resolved), diagnostics)
    }

    private func warning(_ item: Located, _ reason: String) -> Diagnostic {
        Diagnostic(severity: .warning, source: item.source, line: item.line, problem: .invalidDocument(reason: reason))
    }
}
