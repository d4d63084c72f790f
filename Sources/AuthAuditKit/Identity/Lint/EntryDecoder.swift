/// The two entry lists of `mapRoles`/`mapUsers` in ConfigMaps and DynamicFiles.
enum EntryField: String {
    case roles = "mapRoles"
    case users = "mapUsers"
}

/// Decodes one `mapRoles` or `mapUsers` entry with `AwsAuthReader`, so that the lint keeps and drops exactly the
/// entries `AwsAuthParser` keeps and drops.
enum EntryDecoder {
    enum Outcome: Equatable {
        case role(RoleMapping)
        case user(UserMapping)
        /// The entry is dropped; the reason is the reader's, such as "it has neither rolearn nor sso".
        case dropped(reason: String)
    }

    static func decode(_ item: DocumentNode, field: EntryField) -> Outcome {
        var reader = AwsAuthReader(source: "")
        let list = DocumentNode(.sequence([item]), start: item.start)
        switch field {
        case .roles: reader.readRoleList(list, field: field.rawValue, lines: EmbeddedLines(outer: nil))
        case .users: reader.readUserList(list, field: field.rawValue, lines: EmbeddedLines(outer: nil))
        }
        if let role = reader.result.mapping.roles.first { return .role(role) }
        if let user = reader.result.mapping.users.first { return .user(user) }

        let error = reader.result.diagnostics.first { $0.severity == .error }
        guard case .invalidDocument(let text)? = error?.problem else { return .dropped(reason: "it cannot be decoded") }
        return .dropped(reason: reason(in: text, field: field))
    }

    /// Takes the reason out of the reader's sentence "<field> entry 1 was dropped: <reason>.".
    ///
    /// NOTE: this depends on the wording in `AwsAuthReader+Entries.swift`. If that changes, the whole sentence
    /// becomes the reason, so the message still reads correctly but also names entry 1.
    private static func reason(in text: String, field: EntryField) -> String {
        let prefix = "\(field.rawValue) entry 1 was dropped: "
        var reason = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
        if reason.hasSuffix(".") { reason.removeLast() }
        return reason
    }
}
