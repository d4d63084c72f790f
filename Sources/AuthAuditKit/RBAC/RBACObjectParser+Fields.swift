/// Field-by-field reading of one RBAC object, producing errors that name the object.
struct ObjectReader {
    let object: DocumentNode
    let kind: String?
    let namespace: String?
    let name: String?

    init(object: DocumentNode, kind: String?) {
        self.object = object
        self.kind = kind
        self.namespace = object["metadata"]?["namespace"]?.scalarText
        self.name = object["metadata"]?["name"]?.scalarText
    }

    func error(_ problem: RBACParseError.Problem) -> RBACParseError {
        RBACParseError(kind: kind, namespace: namespace, name: name, mark: object.start, problem: problem)
    }

    // MARK: - Roles

    func role(name: String) throws(RBACParseError) -> RBACRole {
        let roleKind: RBACRole.Kind = kind == "Role" ? .role : .clusterRole
        if roleKind == .role, namespace == nil { throw error(.missingField(path: "metadata.namespace")) }
        var rules: [PolicyRule] = []
        for (index, node) in try list(object["rules"], path: "rules").enumerated() {
            rules.append(try rule(node, path: "rules[\(index)]"))
        }
        var selectors: [LabelSelector]?
        if let aggregation = object["aggregationRule"], !aggregation.isNull {
            selectors = []
            let nodes = try list(aggregation["clusterRoleSelectors"], path: "aggregationRule.clusterRoleSelectors")
            for (index, node) in nodes.enumerated() {
                selectors?.append(try selector(node, path: "aggregationRule.clusterRoleSelectors[\(index)]"))
            }
        }
        return RBACRole(
            kind: roleKind, namespace: namespace, name: name, rules: rules,
            labels: try stringMap(object["metadata"]?["labels"], path: "metadata.labels"),
            aggregationSelectors: selectors)
    }

    private func rule(_ node: DocumentNode, path: String) throws(RBACParseError) -> PolicyRule {
        try requireMapping(node, path: path)
        return PolicyRule(
            verbs: try strings(node["verbs"], path: path + ".verbs"),
            apiGroups: try strings(node["apiGroups"], path: path + ".apiGroups"),
            resources: try strings(node["resources"], path: path + ".resources"),
            resourceNames: try strings(node["resourceNames"], path: path + ".resourceNames"),
            nonResourceURLs: try strings(node["nonResourceURLs"], path: path + ".nonResourceURLs"))
    }

    private func selector(_ node: DocumentNode, path: String) throws(RBACParseError) -> LabelSelector {
        try requireMapping(node, path: path)
        var requirements: [LabelSelector.Requirement] = []
        for (index, item) in try list(node["matchExpressions"], path: path + ".matchExpressions").enumerated() {
            let itemPath = path + ".matchExpressions[\(index)]"
            try requireMapping(item, path: itemPath)
            guard let key = item["key"]?.scalarText else { throw error(.missingField(path: itemPath + ".key")) }
            let text = item["operator"]?.scalarText ?? ""
            guard let op = LabelSelector.Requirement.Operator(rawValue: text) else {
                throw error(.unknownSelectorOperator(path: itemPath + ".operator", operator: text))
            }
            let values = try strings(item["values"], path: itemPath + ".values")
            requirements.append(LabelSelector.Requirement(key: key, operator: op, values: values))
        }
        let labels = try stringMap(node["matchLabels"], path: path + ".matchLabels")
        return LabelSelector(matchLabels: labels, matchExpressions: requirements)
    }

    // MARK: - Bindings

    func binding(name: String) throws(RBACParseError) -> RBACBinding {
        let bindingKind: RBACBinding.Kind = kind == "RoleBinding" ? .roleBinding : .clusterRoleBinding
        if bindingKind == .roleBinding, namespace == nil { throw error(.missingField(path: "metadata.namespace")) }
        guard let roleRef = object["roleRef"], !roleRef.isNull else { throw error(.missingField(path: "roleRef")) }
        try requireMapping(roleRef, path: "roleRef")
        guard let refName = roleRef["name"]?.scalarText else { throw error(.missingField(path: "roleRef.name")) }
        let refKindText = roleRef["kind"]?.scalarText ?? ""
        guard let refKind = RBACRole.Kind(rawValue: refKindText) else {
            throw error(.unknownRoleReferenceKind(refKindText))
        }
        if bindingKind == .clusterRoleBinding, refKind == .role { throw error(.clusterRoleBindingToRole) }
        var subjects: [RBACSubject] = []
        for (index, node) in try list(object["subjects"], path: "subjects").enumerated() {
            subjects.append(try subject(node, path: "subjects[\(index)]"))
        }
        return RBACBinding(
            kind: bindingKind, namespace: namespace, name: name, roleRef: RoleReference(kind: refKind, name: refName),
            subjects: subjects)
    }

    private func subject(_ node: DocumentNode, path: String) throws(RBACParseError) -> RBACSubject {
        try requireMapping(node, path: path)
        let kindText = node["kind"]?.scalarText ?? ""
        guard let subjectKind = RBACSubject.Kind(rawValue: kindText) else {
            throw error(.unknownSubjectKind(path: path + ".kind", kind: kindText))
        }
        guard let subjectName = node["name"]?.scalarText else { throw error(.missingField(path: path + ".name")) }
        let subjectNamespace = node["namespace"]?.scalarText
        return RBACSubject(
            kind: subjectKind, name: subjectName, namespace: subjectNamespace?.isEmpty == true ? nil : subjectNamespace)
    }

    // MARK: - Shapes

    private func requireMapping(_ node: DocumentNode, path: String) throws(RBACParseError) {
        guard node.mappingEntries != nil else {
            throw error(.wrongType(path: path, expected: "mapping", found: node.kindName))
        }
    }

    /// Reads the items of a list field. An absent or null field is an empty list, as Go's decoders read it.
    private func list(_ node: DocumentNode?, path: String) throws(RBACParseError) -> [DocumentNode] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequenceItems else {
            throw error(.wrongType(path: path, expected: "list", found: node.kindName))
        }
        return items
    }

    /// Reads a list of strings. A null item reads as `""`, which is what `sigs.k8s.io/yaml` makes of `- ` or `- ~`.
    private func strings(_ node: DocumentNode?, path: String) throws(RBACParseError) -> [String] {
        var values: [String] = []
        for (index, item) in try list(node, path: path).enumerated() {
            if item.isNull {
                values.append("")
            } else if let text = item.scalarText {
                values.append(text)
            } else {
                throw error(.wrongType(path: "\(path)[\(index)]", expected: "string", found: item.kindName))
            }
        }
        return values
    }

    private func stringMap(_ node: DocumentNode?, path: String) throws(RBACParseError) -> [String: String] {
        guard let node, !node.isNull else { return [:] }
        guard let entries = node.mappingEntries else {
            throw error(.wrongType(path: path, expected: "mapping", found: node.kindName))
        }
        var map: [String: String] = [:]
        for entry in entries {
            guard let key = entry.key.scalarText else { continue }
            map[key] = entry.value.scalarText ?? ""
        }
        return map
    }
}
