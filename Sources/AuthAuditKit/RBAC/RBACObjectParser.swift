/// A parsed RBAC object.
public enum RBACObject: Sendable, Hashable {
    case role(RBACRole)
    case binding(RBACBinding)
}

/// The objects read from one or more documents, with the objects that failed.
public struct RBACParseResult: Sendable {
    public var objects: [RBACObject] = []
    public var errors: [RBACParseError] = []
    /// Objects of other kinds (ServiceAccounts, Deployments …) that manifests often mix in.
    public var skippedObjects = 0

    public init() {}
}

/// Reads RBAC objects from `DocumentNode`s, as `DocumentParser` produces them from YAML or JSON.
public enum RBACObjectParser {
    public static let supportedAPIVersions: Set<String> = [
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
    ]

    static let kinds: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]

    /// Parses every RBAC object of the documents, unwrapping `List` and typed lists (`ClusterRoleList` …).
    ///
    /// Items of a raw API list (`kubectl get --raw`) carry no `kind`. A binding is then recognized by its
    /// `roleRef`, and a namespaced object by its `metadata.namespace`.
    public static func parse(documents: [DocumentNode]) -> RBACParseResult {
        var result = RBACParseResult()
        for document in documents {
            let objects = document["items"]?.sequenceItems ?? (document.mappingEntries == nil ? [] : [document])
            for object in objects {
                let kind = object["kind"]?.scalarText ?? inferredKind(of: object)
                guard kinds.contains(kind) else {
                    result.skippedObjects += 1
                    continue
                }
                do {
                    result.objects.append(try parse(object, kind: kind))
                } catch {
                    result.errors.append(error)
                }
            }
        }
        return result
    }

    private static func inferredKind(of object: DocumentNode) -> String {
        let isNamespaced = object["metadata"]?["namespace"]?.scalarText != nil
        return (isNamespaced ? "" : "Cluster") + (object["roleRef"] != nil ? "RoleBinding" : "Role")
    }

    /// Parses one object. `kind` overrides the object's own `kind`, for stored objects whose kind is known.
    public static func parse(_ object: DocumentNode, kind: String? = nil) throws(RBACParseError) -> RBACObject {
        let reader = ObjectReader(object: object, kind: kind ?? object["kind"]?.scalarText)
        guard object.mappingEntries != nil else { throw reader.error(.notAnObject(found: object.kindName)) }
        if let version = object["apiVersion"]?.scalarText, !supportedAPIVersions.contains(version) {
            throw reader.error(.unsupportedAPIVersion(version))
        }
        guard let name = reader.name else { throw reader.error(.missingField(path: "metadata.name")) }
        switch reader.kind {
        case "Role", "ClusterRole":
            return .role(try reader.role(name: name))
        case "RoleBinding", "ClusterRoleBinding":
            return .binding(try reader.binding(name: name))
        case let other:
            throw reader.error(.unsupportedKind(other ?? ""))
        }
    }
}
