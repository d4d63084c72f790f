extension Directory {
    /// The one person an SSO user name or role session name stands for, or nil when no person or
    /// more than one person matches (ask `people(matching:)` to tell the two apart).
    public func person(matching name: String) -> DirectoryPerson? {
        let matches = people(matching: name)
        return matches.count == 1 ? matches[0] : nil
    }

    /// Every person an SSO user name or role session name could stand for, in the order first seen.
    ///
    /// Comparison ignores case. The first of these rules that finds anyone decides:
    /// 1. the name equals a `userPrincipalName`, `mail` or `sAMAccountName`;
    /// 2. `DOMAIN\sam`: the `sAMAccountName` equals `sam`; when several do, only those whose DN's
    ///    first `DC` value or UPN domain's first label is `DOMAIN` are kept;
    /// 3. `sam@anything`: the `sAMAccountName` equals the part before the last `@`.
    public func people(matching name: String) -> [DirectoryPerson] {
        let folded = name.trimmingWhitespace().lowercased()
        guard !folded.isEmpty else { return [] }
        if let exact = peopleByName[folded] {
            return exact.map { people[$0] }
        }
        if let backslash = folded.lastIndex(of: "\\") {
            let domain = String(folded[..<backslash])
            let sam = String(folded[folded.index(after: backslash)...])
            let candidates = (peopleBySAM[sam] ?? []).map { people[$0] }
            guard candidates.count > 1 else { return candidates }
            return candidates.filter { Self.isInDomain($0, domain: domain) }
        }
        if let at = folded.lastIndex(of: "@") {
            let sam = String(folded[..<at])
            return (peopleBySAM[sam] ?? []).map { people[$0] }
        }
        return []
    }

    /// Whether the NetBIOS-style domain name is the first `DC` value of the DN or the first label
    /// of the UPN's domain.
    ///
    /// NOTE: the NetBIOS name of a domain can differ from both; such a `DOMAIN\sam` matches only
    /// when its `sAMAccountName` is unique.
    private static func isInDomain(_ person: DirectoryPerson, domain: String) -> Bool {
        if DistinguishedName.domainComponents(person.dn).first?.lowercased() == domain {
            return true
        }
        guard let upn = person.userPrincipalName, let at = upn.lastIndex(of: "@") else { return false }
        let upnDomain = upn[upn.index(after: at)...]
        return upnDomain.split(separator: ".").first?.lowercased() == domain
    }
}
