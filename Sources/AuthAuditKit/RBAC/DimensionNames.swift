/// The names behind the integer keys of requests, for one analysis.
struct DimensionNames {
    var identities: [Int64: (username: String, groups: [String])] = [:]
    var verbs: [Int64: String] = [:]
    var namespaces: [Int64: String] = [:]
    var resources: [Int64: (group: String, resource: String, subresource: String)] = [:]

    init(_ connection: SQLiteConnection) throws {
        let identities = try connection.prepare(
            "SELECT i.id, u.name, i.groups FROM identities i JOIN usernames u ON u.id = i.username_id")
        while try identities.step() {
            let user = try IdentityResolution.decodeUser(
                username: identities.text(at: 1) ?? "", uid: nil, groups: identities.text(at: 2) ?? "[]", extra: "{}")
            self.identities[identities.int64(at: 0)] = (user.username, user.groups)
        }
        let verbs = try connection.prepare("SELECT id, name FROM verbs")
        while try verbs.step() { self.verbs[verbs.int64(at: 0)] = verbs.text(at: 1) ?? "" }
        let namespaces = try connection.prepare("SELECT id, name FROM namespaces")
        while try namespaces.step() { self.namespaces[namespaces.int64(at: 0)] = namespaces.text(at: 1) ?? "" }
        let resources = try connection.prepare("SELECT id, api_group, resource, subresource FROM resources")
        while try resources.step() {
            self.resources[resources.int64(at: 0)] =
                (resources.text(at: 1) ?? "", resources.text(at: 2) ?? "", resources.text(at: 3) ?? "")
        }
    }
}
