/// The reason a rule, or part of it, can never match a request.
public enum DeadRuleReason: Sendable, Hashable {
    /// The rule lists no verbs.
    case noVerbs
    /// No request carries this verb. Verbs are compared exactly, so `GET` is as dead as `fetch`.
    case unknownVerb(String)
    /// The rule names resources but no API groups, so no resource request matches it.
    case resourcesWithoutAPIGroups
    /// The rule names neither resources nor non-resource URLs.
    case nothingToMatch
    /// A group without a dot that is not built in; custom resource groups always contain a dot.
    case unknownAPIGroup(String)
    /// The resource does not exist in the group. `suggestions` lists where a resource of that name, its
    /// plural or its lowercase form exists, the same group first.
    case unknownResource(apiGroup: String, resource: String, suggestions: [ResourceLocation])
    /// The resource exists in the group but has no such subresource.
    case unknownSubresource(apiGroup: String, resource: String, subresource: String)
    /// These verbs never come with a resource name (`deletecollection`, and `create` on a resource rather
    /// than a subresource), so they cannot match a rule with `resourceNames`.
    case resourceNamesWithUnnamedVerbs([String])
}

/// A resource in an API group.
public struct ResourceLocation: Sendable, Hashable {
    public var apiGroup: String
    public var resource: String

    public init(apiGroup: String, resource: String) {
        self.apiGroup = apiGroup
        self.resource = resource
    }
}
