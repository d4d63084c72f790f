/// A group of an Active Directory (or LDAP) export.
public struct DirectoryGroup: Sendable, Equatable {
    /// The distinguished name as written in the export.
    ///
    /// A group named only by its name (a `Get-ADGroupMember` export, see `DirectoryCSVParser`) has
    /// the one-component DN `CN=<name>` until a `Directory` finds the full DN of a group of that name.
    public var dn: String
    /// `sAMAccountName`, else the `cn` of the entry, else the first value of the DN.
    public var name: String
    /// The DNs of the direct members (`member`, all `member;range=…` chunks included).
    public var memberDNs: [String]
    /// The DNs of the groups this group is a direct member of (`memberOf`).
    public var groupDNs: [String]

    public init(dn: String, name: String, memberDNs: [String] = [], groupDNs: [String] = []) {
        self.dn = dn
        self.name = name
        self.memberDNs = memberDNs
        self.groupDNs = groupDNs
    }
}
