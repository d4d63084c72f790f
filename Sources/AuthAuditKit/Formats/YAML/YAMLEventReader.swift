internal import CYAML

/// One libyaml parser event, copied into Swift values.
enum YAMLEvent: Equatable {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(DocumentScalar, anchor: String?)
    case sequenceStart(anchor: String?)
    case sequenceEnd
    case mappingStart(anchor: String?)
    case mappingEnd
}

/// The owner of one libyaml `yaml_parser_t` reading from an in-memory copy of the input.
///
/// `next()` stands for `yaml_parser_parse`; the parser and the input copy are freed in `deinit`
/// (`yaml_parser_delete`). Not thread-safe: one reader per thread.
final class YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>

    /// Copies `bytes`, because libyaml reads the input lazily while parsing.
    init(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        // yaml_parser_initialize fails only when malloc fails; the first parse call then reports it.
        _ = yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The position of the last event read, 1-based.
    private(set) var mark = DocumentMark(line: 1, column: 1)

    /// Reads the next event; throws `DocumentParseError` with libyaml's problem text and position.
    func next() throws(DocumentParseError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw syntaxError()
        }
        defer { yaml_event_delete(&event) }
        mark = DocumentMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        return convert(event)
    }

    private func convert(_ event: yaml_event_t) -> YAMLEvent {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT, YAML_NO_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default:
            let data = event.data.scalar
            let text =
                data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) }
                ?? ""
            let scalar = DocumentScalar(text: text, style: Self.style(data.style), tag: Self.string(data.tag))
            return .scalar(scalar, anchor: Self.string(data.anchor))
        }
    }

    private func syntaxError() -> DocumentParseError {
        let state = parser.pointee
        let problem =
            state.problem.map { String(cString: $0) } ?? "unknown libyaml error (code \(state.error.rawValue))"
        let context = state.context.map { String(cString: $0) }
        let position = DocumentMark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        return DocumentParseError(mark: position, reason: .syntax(problem: problem, context: context))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
