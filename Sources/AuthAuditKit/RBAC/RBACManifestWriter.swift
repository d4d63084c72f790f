/// Writes roles and bindings as `rbac.authorization.k8s.io/v1` YAML, one document per object, in the layout
/// `kubectl get -o yaml` uses.
public enum RBACManifestWriter {
    public static let apiVersion = "rbac.authorization.k8s.io/v1"

    /// Writes all roles, then all bindings, separated by `---`.
    public static func manifest(roles: [RBACRole], bindings: [RBACBinding]) -> String {
        let documents = roles.map(yaml(for:)) + bindings.map(yaml(for:))
        return documents.joined(separator: "---\n")
    }

    public static func yaml(for role: RBACRole) -> String {
        var lines = header(kind: role.kind.rawValue, name: role.name, namespace: role.namespace)
        if !role.labels.isEmpty {
            lines.append("  labels:")
            for key in role.labels.keys.sorted() {
                lines.append("    \(scalar(key)): \(scalar(role.labels[key] ?? ""))")
            }
        }
        if let selectors = role.aggregationSelectors {
            lines.append("aggregationRule:")
            lines.append("  clusterRoleSelectors:" + (selectors.isEmpty ? " []" : ""))
            for selector in selectors {
                lines += selectorLines(selector)
            }
        }
        lines.append("rules:" + (role.rules.isEmpty ? " []" : ""))
        for rule in role.rules {
            lines += ruleLines(rule)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func yaml(for binding: RBACBinding) -> String {
        var lines = header(kind: binding.kind.rawValue, name: binding.name, namespace: binding.namespace)
        lines += [
            "roleRef:",
            "  apiGroup: rbac.authorization.k8s.io",
            "  kind: \(binding.roleRef.kind.rawValue)",
            "  name: \(scalar(binding.roleRef.name))",
        ]
        if !binding.subjects.isEmpty { lines.append("subjects:") }
        for subject in binding.subjects {
            if subject.kind == .serviceAccount {
                lines.append("- kind: ServiceAccount")
            } else {
                lines.append("- apiGroup: rbac.authorization.k8s.io")
                lines.append("  kind: \(subject.kind.rawValue)")
            }
            lines.append("  name: \(scalar(subject.name))")
            if let namespace = subject.namespace { lines.append("  namespace: \(scalar(namespace))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(kind: String, name: String, namespace: String?) -> [String] {
        var lines = ["apiVersion: \(apiVersion)", "kind: \(kind)", "metadata:", "  name: \(scalar(name))"]
        if let namespace { lines.append("  namespace: \(scalar(namespace))") }
        return lines
    }

    private static func ruleLines(_ rule: PolicyRule) -> [String] {
        var lines: [String] = []
        let fields = [
            ("apiGroups", rule.apiGroups), ("nonResourceURLs", rule.nonResourceURLs),
            ("resourceNames", rule.resourceNames), ("resources", rule.resources), ("verbs", rule.verbs),
        ]
        for (field, values) in fields where !values.isEmpty || field == "verbs" {
            lines.append((lines.isEmpty ? "- " : "  ") + field + ":" + (values.isEmpty ? " []" : ""))
            lines += values.map { "  - " + scalar($0) }
        }
        return lines
    }

    private static func selectorLines(_ selector: LabelSelector) -> [String] {
        var lines: [String] = []
        if !selector.matchLabels.isEmpty {
            lines.append("  - matchLabels:")
            for key in selector.matchLabels.keys.sorted() {
                lines.append("      \(scalar(key)): \(scalar(selector.matchLabels[key] ?? ""))")
            }
        }
        if !selector.matchExpressions.isEmpty {
            lines.append((lines.isEmpty ? "  - " : "    ") + "matchExpressions:")
            for requirement in selector.matchExpressions {
                lines.append("    - key: \(scalar(requirement.key))")
                lines.append("      operator: \(requirement.operator.rawValue)")
                if !requirement.values.isEmpty {
                    lines.append("      values: [" + requirement.values.map(scalar).joined(separator: ", ") + "]")
                }
            }
        }
        return lines.isEmpty ? ["  - {}"] : lines
    }

    private static let plainNameCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-:".unicodeScalars)

    /// Writes `text` as a YAML scalar that reads back as the same string: plain when it is a name that
    /// YAML 1.1 cannot take for a number, boolean or null, and double-quoted otherwise (`""`, `"*"`,
    /// `"/healthz"`, `"true"`).
    static func scalar(_ text: String) -> String {
        let isNameLike =
            text.first?.isLetter == true && text.unicodeScalars.allSatisfy { plainNameCharacters.contains($0) }
        if isNameLike, !text.contains(": "), DocumentScalar.resolvePlain(text) == .string { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
