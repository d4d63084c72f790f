import Foundation

@testable import AuthAuditKit

/// Runs `MappingLinter` on fixture files and inline text.
enum Lint {
    static func fixture(_ relative: String, context: LintContext = LintContext()) throws -> [MappingFinding] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative)))
        return MappingLinter.lint(Array(data), source: relative, context: context)
    }

    static func text(_ text: String, context: LintContext = LintContext()) -> [MappingFinding] {
        MappingLinter.lint(text, source: "inline.yaml", context: context)
    }

    /// Builds an aws-auth ConfigMap around a `data` block indented by two spaces. Its first data line is line 7.
    static func configMap(data: String) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
        \(data)
        """
    }

    static let configMaps = "corpus/aws-iam-authenticator/aws-auth-configmaps/"
}

extension [MappingFinding] {
    var ruleIDs: [String] { map(\.ruleID) }
    var lines: [Int] { map(\.line) }
}
