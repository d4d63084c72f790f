/// Checks that an entry's ARN can equal a canonical ARN, the only form aws-iam-authenticator compares entries with.
///
/// A canonical ARN (`pkg/arn/arn.go` `Canonicalize`) is the IAM role of a session without its path, an IAM user with
/// its path, `root` or an STS federated user, always with an empty region field.
enum ARNRule {
    static func problem(for entry: LintEntry) -> MappingProblem? {
        guard let text = entry.arnText, !EffectiveMappings.hasWildcards(text) else { return nil }
        let reference = entry.reference
        guard let arn = ARN(text) else {
            return .invalidARN(reference, reason: .invalid(text: text))
        }
        let canonical: ARN
        do {
            canonical = try arn.canonical()
        } catch {
            return .invalidARN(reference, reason: error)
        }

        if arn.isAssumedRole {
            return .sessionARN(reference, roleARN: canonical.description)
        }
        if !arn.region.isEmpty {
            var corrected = canonical.strippingRolePath()
            corrected.region = ""
            return .arnHasRegion(reference, region: arn.region, corrected: corrected.description)
        }
        if arn.isIAMRole, arn.rolePath != nil, !comparesWithoutPath(entry) {
            return .roleARNHasPath(reference, pathless: arn.strippingRolePath().description)
        }
        if arn.isIAMRole, !entry.isRoleMapping {
            return .roleARNInMapUsers(reference)
        }
        return nil
    }

    /// Returns whether the entry is a DynamicFile entry with `userid`. Such an entry is matched by principal id and
    /// its ARN is then compared after `arn.StripPath` (`pkg/mapper/dynamicfile/mapper.go`), so a path does no harm.
    private static func comparesWithoutPath(_ entry: LintEntry) -> Bool {
        entry.origin == .dynamicFile && !(entry.userID ?? "").isEmpty
    }
}
