/// The people and groups of any number of directory exports, merged, with the indexes that
/// name matching and nested group expansion need.
///
/// Entries are merged by DN, compared case-insensitively with escapes resolved
/// (`DistinguishedName.key`). When two exports hold the same entry, list values (group and member
/// DNs) are united, and for single values the later export wins where it has one.
///
/// A group known only by name (DN `CN=<name>`, from a `Get-ADGroupMember` export) is folded into
/// the one group with a full DN whose name or CN is that name. When no group or several groups have
/// that name, it stays a group of its own.
public struct Directory: Sendable {
    /// Every person, in the order first seen.
    public private(set) var people: [DirectoryPerson] = []
    /// Every group read from an export, in the order first seen. Groups that are only referenced
    /// (a `memberOf` value without an entry of its own) are not listed here, but `groups(of:)`
    /// returns them.
    public private(set) var groups: [DirectoryGroup] = []

    var personIndex: [String: Int] = [:]
    var groupIndex: [String: Int] = [:]
    /// The DN as first written for every key referenced anywhere.
    var writtenDNs: [String: String] = [:]
    /// Direct containment in both directions, from `member` and `memberOf` alike: key to group keys.
    var parents: [String: Set<String>] = [:]
    /// Group key to the keys of its direct members.
    var children: [String: Set<String>] = [:]
    /// Lower-cased `userPrincipalName`, `mail` and `sAMAccountName` to person indexes.
    var peopleByName: [String: [Int]] = [:]
    var peopleBySAM: [String: [Int]] = [:]

    public init() {}

    public init(people: [DirectoryPerson], groups: [DirectoryGroup]) {
        for person in people {
            addPerson(person)
        }
        for group in groups {
            addGroup(group)
        }
        foldNameOnlyGroups()
        buildIndexes()
    }

    /// Merges the entries of all parts; later parts win for single values.
    public init(merging parts: [Directory]) {
        self.init(people: parts.flatMap(\.people), groups: parts.flatMap(\.groups))
    }

    public mutating func merge(_ other: Directory) {
        self = Directory(merging: [self, other])
    }

    public func person(dn: String) -> DirectoryPerson? {
        personIndex[DistinguishedName.key(dn)].map { people[$0] }
    }

    public func group(dn: String) -> DirectoryGroup? {
        groupIndex[DistinguishedName.key(dn)].map { groups[$0] }
    }

    // MARK: - Building

    private mutating func addPerson(_ person: DirectoryPerson) {
        let key = DistinguishedName.key(person.dn)
        guard let index = personIndex[key] else {
            personIndex[key] = people.count
            people.append(person)
            return
        }
        var merged = people[index]
        merged.samAccountName = person.samAccountName ?? merged.samAccountName
        merged.userPrincipalName = person.userPrincipalName ?? merged.userPrincipalName
        merged.mail = person.mail ?? merged.mail
        merged.displayName = person.displayName ?? merged.displayName
        merged.isDisabled = person.isDisabled ?? merged.isDisabled
        merged.groupDNs = Self.union(merged.groupDNs, person.groupDNs)
        people[index] = merged
    }

    private mutating func addGroup(_ group: DirectoryGroup) {
        let key = DistinguishedName.key(group.dn)
        guard let index = groupIndex[key] else {
            groupIndex[key] = groups.count
            groups.append(group)
            return
        }
        groups[index].name = group.name
        groups[index].memberDNs = Self.union(groups[index].memberDNs, group.memberDNs)
        groups[index].groupDNs = Self.union(groups[index].groupDNs, group.groupDNs)
    }

    /// Folds each group whose DN has a single component into the one full-DN group of that name,
    /// and rewrites every reference to it.
    private mutating func foldNameOnlyGroups() {
        var fullByName: [String: [Int]] = [:]
        for (index, group) in groups.enumerated() where DistinguishedName.components(group.dn).count > 1 {
            var names: Set<String> = [group.name.lowercased()]
            if let first = DistinguishedName.firstValue(group.dn) { names.insert(first.lowercased()) }
            for name in names {
                fullByName[name, default: []].append(index)
            }
        }
        var replacements: [String: String] = [:]
        for group in groups where DistinguishedName.components(group.dn).count == 1 {
            let name = (DistinguishedName.firstValue(group.dn) ?? group.name).lowercased()
            if let candidates = fullByName[name], candidates.count == 1 {
                replacements[DistinguishedName.key(group.dn)] = groups[candidates[0]].dn
            }
        }
        guard !replacements.isEmpty else { return }

        func rewrite(_ dns: [String]) -> [String] {
            dns.map { replacements[DistinguishedName.key($0)] ?? $0 }
        }
        let oldPeople = people
        let oldGroups = groups
        self = Directory()
        for var person in oldPeople {
            person.groupDNs = rewrite(person.groupDNs)
            addPerson(person)
        }
        let ordered =
            oldGroups.filter { replacements[DistinguishedName.key($0.dn)] == nil }
            + oldGroups.filter { replacements[DistinguishedName.key($0.dn)] != nil }
        for var group in ordered {
            if let fullDN = replacements[DistinguishedName.key(group.dn)] {
                group.dn = fullDN
                group.name = groups[groupIndex[DistinguishedName.key(fullDN)]!].name
            }
            group.memberDNs = rewrite(group.memberDNs)
            group.groupDNs = rewrite(group.groupDNs)
            addGroup(group)
        }
    }

    private mutating func buildIndexes() {
        // Exports repeat the same few group DNs thousands of times, so each DN is keyed once.
        var keys: [String: String] = [:]
        func link(member: String, group: String) {
            let memberKey = reference(member, keys: &keys)
            let groupKey = reference(group, keys: &keys)
            parents[memberKey, default: []].insert(groupKey)
            children[groupKey, default: []].insert(memberKey)
        }
        for (index, person) in people.enumerated() {
            for groupDN in person.groupDNs {
                link(member: person.dn, group: groupDN)
            }
            for name in [person.userPrincipalName, person.mail, person.samAccountName].compactMap({ $0 }) {
                Self.appendOnce(index, to: &peopleByName[name.lowercased(), default: []])
            }
            if let sam = person.samAccountName {
                peopleBySAM[sam.lowercased(), default: []].append(index)
            }
        }
        for group in groups {
            _ = reference(group.dn, keys: &keys)
            for memberDN in group.memberDNs {
                link(member: memberDN, group: group.dn)
            }
            for parentDN in group.groupDNs {
                link(member: group.dn, group: parentDN)
            }
        }
    }

    /// Records the DN as written and returns its key.
    private mutating func reference(_ dn: String, keys: inout [String: String]) -> String {
        if let key = keys[dn] {
            return key
        }
        let key = DistinguishedName.key(dn)
        keys[dn] = key
        if writtenDNs[key] == nil {
            writtenDNs[key] = dn
        }
        return key
    }

    private static func appendOnce(_ index: Int, to list: inout [Int]) {
        if !list.contains(index) {
            list.append(index)
        }
    }

    /// Returns the DNs of both lists in order, each once (compared by key).
    static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen: Set<String> = []
        return (first + second).filter { seen.insert(DistinguishedName.key($0)).inserted }
    }
}
