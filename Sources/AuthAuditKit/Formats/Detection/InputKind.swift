/// The kinds of content authaudit reads, as detected from the start of a decompressed input.
public enum InputKind: String, Sendable, CaseIterable {
    /// Kubernetes audit `Event` JSON, one event (or one webhook `EventList`) per line.
    case auditEventLines = "audit-event-lines"
    /// One pretty-printed, multi-line audit `Event` or `EventList`.
    case auditEventDocument = "audit-event-document"
    /// An aws-iam-authenticator server log in logrus text, JSON or TTY form.
    case authenticatorLog = "authenticator-log"
    /// The aws-auth ConfigMap, as YAML or JSON.
    case awsAuthConfigMap = "aws-auth-configmap"
    /// `IAMIdentityMapping` custom resources of the authenticator's CRD backend.
    case iamIdentityMapping = "iam-identity-mapping"
    /// The authenticator's DynamicFile backend: JSON with top-level `mapRoles` / `mapUsers`.
    case dynamicFileMapping = "dynamic-file-mapping"
    /// RBAC objects: Roles, ClusterRoles and their bindings, alone, in lists or multi-document YAML.
    case rbac
    /// An LDIF export of a directory (Active Directory or LDAP users and groups).
    case ldif
    case unknown
}
