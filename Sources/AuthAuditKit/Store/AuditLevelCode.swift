/// The one-letter codes `requests.level` stores for the four audit levels, so each request row
/// spends one byte on its level instead of up to fifteen. The `request_facts` view spells them out.
enum AuditLevelCode {
    /// Returns the code of a level name, or nil for a name that is not one of the four levels, which
    /// is then stored as written.
    static func code(for name: UnsafeRawBufferPointer) -> String? {
        switch name.count {
        case 8 where name.elementsEqual("Metadata".utf8): return "M"
        case 15 where name.elementsEqual("RequestResponse".utf8): return "R"
        case 7 where name.elementsEqual("Request".utf8): return "Q"
        case 4 where name.elementsEqual("None".utf8): return "N"
        default: return nil
        }
    }
}
