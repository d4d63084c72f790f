/// The IAM-to-Kubernetes mappings in the store, by the time they took effect.
///
/// The authenticator reads the aws-auth ConfigMap, IAMIdentityMapping objects and a DynamicFile
/// (EKS access entries) side by side, so the mapping in effect at a time combines one version of
/// each kind: the newest version dated at or before that time; else the undated versions (files
/// without a modification time), merged in the order they were read; else the oldest dated
/// version, because a later dump is a better guess than nothing.
struct MappingHistory {
    struct Version {
        var kind: String
        var effectiveAt: Timestamp?
        var mapping: AwsAuthMapping
    }

    /// Versions in the order they were stored.
    let versions: [Version]

    /// Whether the mappings in effect can depend on the time: some kind has more than one version.
    var isTimeDependent: Bool {
        Dictionary(grouping: versions, by: \.kind).values.contains { $0.count > 1 }
    }

    /// The kinds in the order the authenticator consults its mappers: the ConfigMap, then the CRD,
    /// then the DynamicFile. Other kinds follow in name order.
    private var orderedKinds: [String] {
        let preferred = [
            InputKind.awsAuthConfigMap.rawValue, InputKind.iamIdentityMapping.rawValue,
            InputKind.dynamicFileMapping.rawValue,
        ]
        let others = Set(versions.map(\.kind)).subtracting(preferred).sorted()
        return preferred + others
    }

    /// Returns the mappings in effect at `time` (nil when no time is known, which selects the undated versions).
    func mappings(at time: Timestamp?) -> [AwsAuthMapping] {
        var selected: [AwsAuthMapping] = []
        for kind in orderedKinds {
            let ofKind = versions.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            let dated = ofKind.filter { $0.effectiveAt != nil }.sorted { $0.effectiveAt! < $1.effectiveAt! }
            if let time, let current = dated.last(where: { $0.effectiveAt! <= time }) {
                selected.append(current.mapping)
                continue
            }
            let undated = ofKind.filter { $0.effectiveAt == nil }
            if !undated.isEmpty {
                selected += undated.map(\.mapping)
            } else if let oldest = dated.first {
                selected.append(oldest.mapping)
            }
        }
        return selected
    }
}
