import Foundation

@testable import AuthAuditKit

/// Loads RBAC fixtures through the real YAML parser.
enum RBACFixtures {
    static func parse(file relative: String) throws -> RBACParseResult {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path(relative))))
        return RBACObjectParser.parse(documents: try DocumentParser.parse(bytes))
    }

    static func parse(yaml: String) throws -> RBACParseResult {
        RBACObjectParser.parse(documents: try DocumentParser.parse(yaml))
    }

    static func policy(yaml: String) throws -> RBACPolicy {
        RBACPolicy(objects: try parse(yaml: yaml).objects)
    }

    static func policy(files: [String]) throws -> RBACPolicy {
        var objects: [RBACObject] = []
        for file in files {
            objects += try parse(file: file).objects
        }
        return RBACPolicy(objects: objects)
    }

    static let bootstrapFiles = [
        "corpus/k8s-bootstrappolicy/cluster-roles.yaml",
        "corpus/k8s-bootstrappolicy/cluster-role-bindings.yaml",
        "corpus/k8s-bootstrappolicy/namespace-roles.yaml",
        "corpus/k8s-bootstrappolicy/namespace-role-bindings.yaml",
    ]

    static var rbacToolFiles: [String] {
        let folder = "corpus/alcideio-rbac-tool/rbac-manifests"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path(folder))) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }
}
