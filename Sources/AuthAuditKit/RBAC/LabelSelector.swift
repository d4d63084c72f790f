/// A Kubernetes `metav1.LabelSelector`, as used in a ClusterRole's `aggregationRule.clusterRoleSelectors`.
///
/// All of `matchLabels` and `matchExpressions` must hold; an empty selector matches every object, the way
/// `metav1.LabelSelectorAsSelector` turns `{}` into "everything".
public struct LabelSelector: Sendable, Hashable {
    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public struct Requirement: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable {
            case `in` = "In"
            case notIn = "NotIn"
            case exists = "Exists"
            case doesNotExist = "DoesNotExist"
        }

        public var key: String
        public var `operator`: Operator
        public var values: [String]

        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value {
            return false
        }
        return matchExpressions.allSatisfy { $0.matches(labels) }
    }
}

extension LabelSelector.Requirement {
    /// Applies the operator the way `k8s.io/apimachinery/pkg/labels` does: `NotIn` also holds when the key
    /// is absent.
    public func matches(_ labels: [String: String]) -> Bool {
        switch `operator` {
        case .in:
            guard let value = labels[key] else { return false }
            return values.contains(value)
        case .notIn:
            guard let value = labels[key] else { return true }
            return !values.contains(value)
        case .exists:
            return labels[key] != nil
        case .doesNotExist:
            return labels[key] == nil
        }
    }
}
