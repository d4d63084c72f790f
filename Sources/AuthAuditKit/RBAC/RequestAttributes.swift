/// The attributes of one request that the authorizer evaluates, as kubernetes' `authorizer.Attributes`
/// carries them.
///
/// Absent values are empty strings, as in kubernetes, because RBAC compares them as strings: a request with
/// no name has name `""`. For a request on a namespace object (`GET /api/v1/namespaces/team-a`) the
/// apiserver sets `namespace` to the object's name, so a RoleBinding in `team-a` can allow it.
public struct RequestAttributes: Sendable, Hashable {
    public var user: String
    public var groups: [String]
    public var verb: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    public var namespace: String
    public var name: String
    /// The URL path of a non-resource request, such as `/healthz` or `/version`.
    public var path: String
    public var isResourceRequest: Bool

    public init(
        user: String, groups: [String] = [], verb: String, apiGroup: String = "", resource: String = "",
        subresource: String = "", namespace: String = "", name: String = "", path: String = "",
        isResourceRequest: Bool
    ) {
        self.user = user
        self.groups = groups
        self.verb = verb
        self.apiGroup = apiGroup
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = path
        self.isResourceRequest = isResourceRequest
    }

    /// Makes the attributes of a request on an API resource.
    public static func resource(
        user: String, groups: [String] = [], verb: String, apiGroup: String = "", resource: String,
        subresource: String = "", namespace: String = "", name: String = ""
    ) -> RequestAttributes {
        RequestAttributes(
            user: user, groups: groups, verb: verb, apiGroup: apiGroup, resource: resource, subresource: subresource,
            namespace: namespace, name: name, isResourceRequest: true)
    }

    /// Makes the attributes of a request on a non-resource URL. The `verb` is the lowercased HTTP method
    /// (`get`, `post` …).
    public static func nonResource(user: String, groups: [String] = [], verb: String, path: String)
        -> RequestAttributes
    {
        RequestAttributes(user: user, groups: groups, verb: verb, path: path, isResourceRequest: false)
    }

    /// `resource/subresource`, or the resource alone: the form rules name it in.
    public var combinedResource: String {
        subresource.isEmpty ? resource : resource + "/" + subresource
    }
}
