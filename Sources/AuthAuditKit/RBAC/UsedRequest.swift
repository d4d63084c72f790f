/// One kind of request a subject made, as the input of least-privilege synthesis: who made it does not
/// matter, only what it needed.
///
/// Absent values are empty strings, as in `RequestAttributes`: an empty `namespace` is a cluster-scoped
/// request (or a request across all namespaces) and an empty `name` a request without an object name.
public struct UsedRequest: Sendable, Hashable {
    public var verb: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    public var namespace: String
    public var name: String
    public var path: String
    public var isResourceRequest: Bool

    public static func resource(
        verb: String, apiGroup: String = "", resource: String, subresource: String = "", namespace: String = "",
        name: String = ""
    ) -> UsedRequest {
        UsedRequest(
            verb: verb, apiGroup: apiGroup, resource: resource, subresource: subresource, namespace: namespace,
            name: name, path: "", isResourceRequest: true)
    }

    public static func nonResource(verb: String, path: String) -> UsedRequest {
        UsedRequest(
            verb: verb, apiGroup: "", resource: "", subresource: "", namespace: "", name: "", path: path,
            isResourceRequest: false)
    }

    /// Returns the authorizer's attributes of this request when `user` in `groups` makes it.
    public func attributes(user: String, groups: [String] = []) -> RequestAttributes {
        RequestAttributes(
            user: user, groups: groups, verb: verb, apiGroup: apiGroup, resource: resource, subresource: subresource,
            namespace: namespace, name: name, path: path, isResourceRequest: isResourceRequest)
    }

    public var combinedResource: String {
        subresource.isEmpty ? resource : resource + "/" + subresource
    }
}
