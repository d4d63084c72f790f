/// One object of an export with the attributes authaudit reads, before it becomes a person or a group.
///
/// Both the LDIF and the CSV reader fill entries; `classify(assuming:problems:)` applies the rules
/// that both share.
struct DirectoryEntry {
    /// The attributes kept, by lower-cased name without options (`member;range=0-1499` is `member`).
    static let attributeNames: Set<String> = [
        "objectclass", "samaccountname", "userprincipalname", "mail", "displayname", "name", "cn",
        "useraccountcontrol", "enabled", "memberof", "member",
    ]

    var dn: String
    /// The line the entry starts on, for diagnostics.
    var line: Int
    var attributes: [String: [String]] = [:]

    init(dn: String, line: Int) {
        self.dn = dn
        self.line = line
    }

    mutating func append(_ value: String, to name: String) {
        attributes[name, default: []].append(value)
    }

    func values(_ name: String) -> [String] {
        attributes[name] ?? []
    }

    /// The first value that is not empty.
    func first(_ name: String) -> String? {
        attributes[name]?.first { !$0.isEmpty }
    }
}

/// What an entry stands for.
enum DirectoryEntryKind: Sendable {
    case person
    case group
    /// A computer, a container, an organizational unit or anything else that is neither.
    case other
}

/// A classified entry.
enum DirectoryObject {
    case person(DirectoryPerson)
    case group(DirectoryGroup)
}

extension DirectoryEntry {
    /// The kind from `objectClass`; without one, an entry with members is a group, then `assumed` applies,
    /// then an entry with a logon name or address is a person.
    ///
    /// Active Directory computers also carry the `user` and `person` classes, so `computer` is checked first.
    func kind(assuming assumed: DirectoryEntryKind?) -> DirectoryEntryKind {
        let classes = Set(values("objectclass").map { $0.lowercased() })
        if !classes.isEmpty {
            if classes.contains("group") { return .group }
            if classes.contains("computer") { return .other }
            let personClasses: Set<String> = ["user", "person", "organizationalperson", "inetorgperson"]
            return classes.isDisjoint(with: personClasses) ? .other : .person
        }
        if attributes["member"] != nil { return .group }
        if let assumed { return assumed }
        let hasLogonName = ["samaccountname", "userprincipalname", "mail"].contains { first($0) != nil }
        return hasLogonName ? .person : .other
    }

    /// Turns the entry into a person or a group, or nil for other kinds. Unusable values are
    /// left out and described in `problems`.
    func classify(assuming assumed: DirectoryEntryKind?, problems: inout [String]) -> DirectoryObject? {
        switch kind(assuming: assumed) {
        case .person:
            return .person(makePerson(problems: &problems))
        case .group:
            let name = first("samaccountname") ?? first("cn") ?? DistinguishedName.firstValue(dn) ?? dn
            let group = DirectoryGroup(dn: dn, name: name, memberDNs: values("member"), groupDNs: values("memberof"))
            return .group(group)
        case .other:
            return nil
        }
    }

    private func makePerson(problems: inout [String]) -> DirectoryPerson {
        var person = DirectoryPerson(
            dn: dn,
            samAccountName: first("samaccountname"),
            userPrincipalName: first("userprincipalname"),
            mail: first("mail"),
            displayName: first("displayname") ?? first("name") ?? first("cn"),
            groupDNs: values("memberof"))
        if let text = first("useraccountcontrol") {
            if let flags = Int64(text.trimmingWhitespace()) {
                person.isDisabled = flags & 0x2 != 0  // ACCOUNTDISABLE
            } else {
                problems.append("userAccountControl \"\(text)\" of \(dn) is not a decimal number.")
            }
        }
        if let text = first("enabled") {
            switch text.trimmingWhitespace().lowercased() {
            case "true": person.isDisabled = person.isDisabled ?? false
            case "false": person.isDisabled = true
            default: problems.append("Enabled \"\(text)\" of \(dn) is neither True nor False.")
            }
        }
        return person
    }
}
