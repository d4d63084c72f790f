/// The conditions `--forbidden`, `--user`, `--group` and `--namespace` put on printed requests.
///
/// Every request is stored whatever the filter; the filter only chooses what is printed. Values are
/// compared exactly, and several values of one option match any of them.
struct TailFilter {
    var onlyFailures = false
    /// Kubernetes usernames or resolved people.
    var users: Set<String> = []
    /// Kubernetes groups, or directory groups of the resolved person.
    var groups: Set<String> = []
    var namespaces: Set<String> = []

    func matches(_ request: TailRequest) -> Bool {
        if onlyFailures && request.outcome == .allowed {
            return false
        }
        if !users.isEmpty {
            let names = [request.username, request.person].compactMap { $0 }
            guard names.contains(where: users.contains) else { return false }
        }
        if !groups.isEmpty && !request.groups.contains(where: groups.contains) {
            return false
        }
        if !namespaces.isEmpty {
            guard let namespace = request.namespace, namespaces.contains(namespace) else { return false }
        }
        return true
    }
}
