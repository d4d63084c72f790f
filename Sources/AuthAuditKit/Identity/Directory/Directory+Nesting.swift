extension Directory {
    /// Returns every group the person belongs to, directly or through nested groups, sorted by name
    /// (ignoring case), then by DN.
    ///
    /// Membership is followed through `memberOf` of people and groups and through `member` of
    /// groups alike, and each group is visited once, so cycles end. A group that is only referenced
    /// (no entry of its own in any export) is returned with its CN as name.
    ///
    /// NOTE: the primary group (`primaryGroupID`, normally Domain Users) is not in `memberOf` and
    /// not returned.
    public func groups(of person: DirectoryPerson) -> [DirectoryGroup] {
        let key = DistinguishedName.key(person.dn)
        let reached = closure(from: key, through: parents).subtracting([key])
        return reached.map { groupOrReference($0) }.sorted(by: Self.isOrderedByName)
    }

    /// Returns every group the group belongs to, directly or through nested groups, sorted like `groups(of:)`.
    /// The group itself is left out, also when a cycle makes it its own member.
    public func groups(containing group: DirectoryGroup) -> [DirectoryGroup] {
        let key = DistinguishedName.key(group.dn)
        let reached = closure(from: key, through: parents).subtracting([key])
        return reached.map { groupOrReference($0) }.sorted(by: Self.isOrderedByName)
    }

    /// Returns every person in the group, directly or through nested groups, sorted by DN (ignoring case).
    ///
    /// Members that are neither people nor groups of the directory (computers, foreign security
    /// principals, DNs without an entry) are left out.
    public func members(of group: DirectoryGroup) -> [DirectoryPerson] {
        let reached = closure(from: DistinguishedName.key(group.dn), through: children)
        return reached.sorted().compactMap { key in personIndex[key].map { people[$0] } }
    }

    /// Returns the keys reachable from `start` through one or more edges, `start` itself only when a cycle leads back.
    private func closure(from start: String, through edges: [String: Set<String>]) -> Set<String> {
        var reached: Set<String> = []
        var pending = Array(edges[start] ?? [])
        while let key = pending.popLast() {
            guard reached.insert(key).inserted else { continue }
            pending.append(contentsOf: edges[key] ?? [])
        }
        return reached
    }

    private func groupOrReference(_ key: String) -> DirectoryGroup {
        if let index = groupIndex[key] {
            return groups[index]
        }
        let dn = writtenDNs[key] ?? key
        return DirectoryGroup(dn: dn, name: DistinguishedName.firstValue(dn) ?? dn)
    }

    private static func isOrderedByName(_ left: DirectoryGroup, _ right: DirectoryGroup) -> Bool {
        let leftName = left.name.lowercased()
        let rightName = right.name.lowercased()
        if leftName != rightName {
            return leftName < rightName
        }
        return DistinguishedName.key(left.dn) < DistinguishedName.key(right.dn)
    }
}
