/// Writes the output lines of `authaudit tail`: one per request, as text columns or as a JSON object.
struct TailRenderer {
    enum Format: String {
        case text
        case json
    }

    let format: Format
    /// Whether text output gets ANSI colours: only on a terminal, and never with `NO_COLOR` set.
    let usesColor: Bool

    /// Returns the output line of one request, with its newline.
    func render(_ request: TailRequest) -> String {
        switch format {
        case .text: renderText(request)
        case .json: renderJSON(request)
        }
    }

    /// Columns: time, person (else username), IAM principal, verb, resource, namespace, decision.
    private func renderText(_ request: TailRequest) -> String {
        let time = request.time.map(TimestampFormatter.format) ?? "-"
        var decision = request.outcome.rawValue
        if request.outcome == .allowed, let code = request.code, code >= 400 {
            decision += " (\(code))"
        }
        if usesColor {
            decision = Self.colored(decision, request.outcome)
        }
        let columns = [
            time, request.person ?? request.username ?? "-", request.iamPrincipal ?? "-", request.verb ?? "-",
            request.resource ?? "-", request.namespace ?? "-", decision,
        ]
        return columns.joined(separator: "  ") + "\n"
    }

    private func renderJSON(_ request: TailRequest) -> String {
        var fields: [String] = []
        func add(_ key: String, _ value: String?) {
            fields.append(JSONText.quoted(key) + ":" + (value.map(JSONText.quoted) ?? "null"))
        }
        add("time", request.time.map(TimestampFormatter.format))
        add("auditID", request.auditID)
        add("user", request.username)
        add("person", request.person)
        add("iamPrincipal", request.iamPrincipal)
        add("verb", request.verb)
        add("resource", request.resource)
        add("namespace", request.namespace)
        add("name", request.name)
        fields.append(JSONText.quoted("code") + ":" + (request.code.map(String.init) ?? "null"))
        add("decision", request.outcome.rawValue)
        add("source", request.source)
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    private static func colored(_ text: String, _ outcome: TailRequest.Outcome) -> String {
        let code = outcome == .allowed ? "32" : "31"  // green, red
        return "\u{1B}[" + code + "m" + text + "\u{1B}[0m"
    }
}
