/// The resources and subresources of the API groups that kube-apiserver serves itself, plus `metrics.k8s.io`.
///
/// Compiled from `kubectl api-resources` and the kubernetes API reference for releases 1.16 to 1.35.
/// Resources removed in that span (`extensions` workloads, `podsecuritypolicies`, `componentstatuses`) are
/// kept, because dumps from older clusters still name them. Besides served resources the table contains the
/// names that only authorization checks use. Those are `users`, `groups` and `serviceaccounts` for
/// impersonation, `userextras` and `uids` in `authentication.k8s.io`, `signers` in `certificates.k8s.io`,
/// the kubelet API subresources of `nodes` (`nodes/proxy`, `nodes/stats` …), and the `nodeclient` and
/// `selfnodeclient` subresources that the CSR approving controller checks.
extension KnownResources {
    static let builtInTable: [String: String] = [
        "": """
        bindings componentstatuses configmaps endpoints events limitranges namespaces namespaces/finalize \
        namespaces/status nodes nodes/checkpoint nodes/configz nodes/healthz nodes/log nodes/metrics \
        nodes/pods nodes/proxy nodes/spec nodes/stats nodes/status persistentvolumeclaims \
        persistentvolumeclaims/status persistentvolumes persistentvolumes/status pods pods/attach pods/binding \
        pods/ephemeralcontainers pods/eviction pods/exec pods/log pods/portforward pods/proxy pods/resize \
        pods/status podtemplates replicationcontrollers replicationcontrollers/scale \
        replicationcontrollers/status resourcequotas resourcequotas/status secrets serviceaccounts \
        serviceaccounts/token services services/proxy services/status users groups
        """,
        "apps": """
        controllerrevisions daemonsets daemonsets/status deployments deployments/rollback deployments/scale \
        deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale \
        statefulsets/status
        """,
        "extensions": """
        daemonsets daemonsets/status deployments deployments/rollback deployments/scale deployments/status \
        ingresses ingresses/status networkpolicies podsecuritypolicies replicasets replicasets/scale \
        replicasets/status replicationcontrollers replicationcontrollers/scale
        """,
        "batch": "cronjobs cronjobs/status jobs jobs/status",
        "autoscaling": "horizontalpodautoscalers horizontalpodautoscalers/status",
        "policy": "poddisruptionbudgets poddisruptionbudgets/status podsecuritypolicies",
        "networking.k8s.io": """
        ingressclasses ingresses ingresses/status ipaddresses networkpolicies networkpolicies/status \
        servicecidrs servicecidrs/status
        """,
        "rbac.authorization.k8s.io": "clusterrolebindings clusterroles rolebindings roles",
        "storage.k8s.io": """
        csidrivers csinodes csistoragecapacities storageclasses volumeattachments volumeattachments/status \
        volumeattributesclasses
        """,
        "coordination.k8s.io": "leasecandidates leases",
        "discovery.k8s.io": "endpointslices",
        "admissionregistration.k8s.io": """
        mutatingadmissionpolicies mutatingadmissionpolicybindings mutatingwebhookconfigurations \
        validatingadmissionpolicies validatingadmissionpolicies/status validatingadmissionpolicybindings \
        validatingwebhookconfigurations
        """,
        "apiextensions.k8s.io": "customresourcedefinitions customresourcedefinitions/status",
        "apiregistration.k8s.io": "apiservices apiservices/status",
        "certificates.k8s.io": """
        certificatesigningrequests certificatesigningrequests/approval certificatesigningrequests/nodeclient \
        certificatesigningrequests/selfnodeclient certificatesigningrequests/status \
        clustertrustbundles signers podcertificaterequests podcertificaterequests/status
        """,
        "authentication.k8s.io": "selfsubjectreviews tokenreviews uids userextras",
        "authorization.k8s.io": """
        localsubjectaccessreviews selfsubjectaccessreviews selfsubjectrulesreviews subjectaccessreviews
        """,
        "scheduling.k8s.io": "priorityclasses",
        "node.k8s.io": "runtimeclasses",
        "events.k8s.io": "events",
        "flowcontrol.apiserver.k8s.io": """
        flowschemas flowschemas/status prioritylevelconfigurations prioritylevelconfigurations/status
        """,
        "metrics.k8s.io": "nodes pods",
        "resource.k8s.io": """
        deviceclasses resourceclaims resourceclaims/status resourceclaimtemplates resourceslices \
        devicetaintrules
        """,
        "internal.apiserver.k8s.io": "storageversions storageversions/status",
        "storagemigration.k8s.io": "storageversionmigrations storageversionmigrations/status",
    ]

    /// Verbs of resource requests: the eight that the apiserver derives from HTTP methods, and the ones that
    /// only authorization checks use. Those are `bind` and `escalate` on roles, `impersonate`, `approve`,
    /// `sign` and `attest` on signers, `use` on pod security policies, `proxy` from releases before 1.10,
    /// and `unsafe-delete-ignore-read-error` from 1.32.
    // NOTE: The name and release of `unsafe-delete-ignore-read-error` were not checked against the kubernetes
    // source. A wrong entry only keeps that verb from being reported as dead.
    static let builtInResourceVerbs: Set<String> = [
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
        "bind", "escalate", "impersonate", "approve", "sign", "attest", "use", "proxy",
        "unsafe-delete-ignore-read-error",
    ]

    /// Verbs of non-resource requests: the lowercased HTTP method.
    static let builtInNonResourceVerbs: Set<String> = [
        "get", "head", "post", "put", "patch", "delete", "options",
    ]
}
