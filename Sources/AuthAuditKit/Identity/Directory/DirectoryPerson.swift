/// A user account of an Active Directory (or LDAP) export.
public struct DirectoryPerson: Sendable, Equatable {
    /// The distinguished name as written in the export.
    public var dn: String
    public var samAccountName: String?
    public var userPrincipalName: String?
    public var mail: String?
    /// `displayName`, else `name` (`Get-ADUser`'s `Name`), else the `cn` of the entry.
    public var displayName: String?
    /// Whether the account is disabled: `userAccountControl` has bit 0x2 (ACCOUNTDISABLE) set, or a
    /// PowerShell export says `Enabled=False`. Nil when the export carries neither.
    public var isDisabled: Bool?
    /// The DNs of the groups this account is a direct member of (`memberOf`), as written.
    ///
    /// Active Directory leaves the primary group (normally Domain Users) out of `memberOf`.
    public var groupDNs: [String]

    public init(
        dn: String,
        samAccountName: String? = nil,
        userPrincipalName: String? = nil,
        mail: String? = nil,
        displayName: String? = nil,
        isDisabled: Bool? = nil,
        groupDNs: [String] = []
    ) {
        self.dn = dn
        self.samAccountName = samAccountName
        self.userPrincipalName = userPrincipalName
        self.mail = mail
        self.displayName = displayName
        self.isDisabled = isDisabled
        self.groupDNs = groupDNs
    }
}
