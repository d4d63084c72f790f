/// The tables computed from everything stored, rebuilt at the end of an ingest and of a tail: identity
/// resolutions with their request totals, then the RBAC usage analysis.
enum DerivedTables {
    /// Rebuilds the derived tables and marks them current in `store_state`. Returns the diagnostics of the
    /// identity resolution.
    static func refresh(store: AuditStore) throws -> [Diagnostic] {
        let diagnostics = try IdentityResolution.run(store: store)
        try RBACUsageAnalysis.run(store: store)
        try store.markDerivedDataCurrent()
        return diagnostics
    }
}
