extension Schema {
    /// The byte offset of a skipped line whose number is not known, as for `tail` resuming a file from a
    /// checkpoint. `source` then stays the plain path, so a query by path finds these rows too.
    static let diagnosticOffsets = """
        ALTER TABLE diagnostics ADD COLUMN byte_offset INTEGER;
        """
}
