/// The `user` or `impersonatedUser` object of an audit event (`authentication.k8s.io/v1` UserInfo).
///
/// Every `extra` value is a list of strings in the API, so it stays a list here.
public struct UserInfo: Sendable, Hashable {
    public var username: String
    public var uid: String?
    public var groups: [String]
    public var extra: [String: [String]]

    public init(username: String, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// The first value of an `extra` key, or nil when the key is missing or its list is empty.
    public func firstExtra(_ key: String) -> String? {
        extra[key]?.first
    }
}
