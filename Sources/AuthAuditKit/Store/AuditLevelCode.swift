/// The one-letter codes `requests.level` stores for the four audit levels, so each request row
/// spends one byte on its level instead of up to fifteen. The `request_facts` view spells them out.
enum AuditLevelCode {
    /// Returns the code of a level name, or nil for a name that is not one of the four levels, which
    /// is then stored as written.
    static func code(for name: UnsafeRawBufferPointer) -> String? {
        switch name.count {
        case 8 where name.equals("Metadata"): return "M"
        case 15 where name.equals("RequestResponse"): return "R"
        case 7 where name.equals("Request"): return "Q"
        case 4 where name.equals("None"): return "N"
        default: return nil
        }
    }
}
