/// The mappings read from one aws-auth input and the problems found in it.
public struct AwsAuthParseResult: Sendable, Equatable {
    /// Every usable entry, in document order; later entries win over earlier ones with the same ARN.
    public var mapping: AwsAuthMapping
    public var diagnostics: [Diagnostic]
    /// How many mapping objects were read (aws-auth ConfigMaps, IAMIdentityMapping objects, DynamicFiles).
    public var objectCount: Int

    public init(mapping: AwsAuthMapping = AwsAuthMapping(), diagnostics: [Diagnostic] = [], objectCount: Int = 0) {
        self.mapping = mapping
        self.diagnostics = diagnostics
        self.objectCount = objectCount
    }
}

/// Reads IAM-to-Kubernetes mappings with aws-iam-authenticator's semantics from YAML or JSON bytes.
///
/// Accepted inputs, in any multi-document stream or `List` (`kubectl get … -o yaml|json`):
/// - the `kube-system/aws-auth` ConfigMap (`pkg/mapper/configmap/configmap.go` `ParseMap`);
/// - `IAMIdentityMapping` objects (`spec.arn`, `spec.username`, `spec.groups`);
/// - a DynamicFile document, `{"mapRoles": […], "mapUsers": […]}` (`pkg/mapper/dynamicfile`).
///
/// A bad entry is dropped with a diagnostic and the valid entries are kept, as the authenticator does.
public enum AwsAuthParser {
    public static func parse(_ bytes: [UInt8], source: String) -> AwsAuthParseResult {
        var reader = AwsAuthReader(source: source)
        let documents: [DocumentNode]
        do {
            documents = try DocumentParser.parse(bytes)
        } catch {
            reader.report(.error, line: error.mark.line, reason: DocumentErrorText.describe(error))
            return reader.result
        }
        for document in documents {
            reader.readObject(document, insideList: false)
        }
        if reader.result.objectCount == 0, reader.result.diagnostics.isEmpty {
            reader.result.diagnostics.append(Diagnostic(severity: .error, source: source, problem: .unknownFormat))
        }
        return reader.result
    }

    public static func parse(_ text: String, source: String) -> AwsAuthParseResult {
        parse(Array(text.utf8), source: source)
    }
}

/// Plain-English text for a YAML parse error, used inside `invalidDocument` reasons.
enum DocumentErrorText {
    static func describe(_ error: DocumentParseError) -> String {
        let place = "line \(error.mark.line), column \(error.mark.column)"
        switch error.reason {
        case .syntax(let problem, let context):
            let detail = context.map { "\(problem) \($0)" } ?? problem
            return "The YAML is invalid at \(place): \(detail)."
        case .undefinedAlias(let name):
            return "The alias *\(name) at \(place) names no anchor defined before it."
        case .aliasExpansionTooLarge(let limit):
            return "Expanding YAML aliases would create more than \(limit) nodes (at \(place))."
        case .complexKey:
            return "A mapping key at \(place) is a list or a mapping, which is not supported."
        }
    }
}
