extension Schema {
    /// Facts about the store as a whole.
    ///
    /// `derived_current` is 1 while the tables computed after a run (`identity_resolutions` with its
    /// per-identity totals, `rbac_grant_usage` and the other RBAC analysis tables) match the stored
    /// requests. Every write batch sets it to 0, and the analysis at the end of an ingest or a tail sets
    /// it back to 1. Reports read those totals only while they are up to date. While `tail` runs, or
    /// after an ingest was killed, reports count the requests instead.
    static let storeState = """
        CREATE TABLE store_state (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- A store written before this table existed may have been left stale by a tail.
        INSERT INTO store_state (name, value) SELECT 'derived_current', NOT EXISTS (SELECT 1 FROM requests);
        """
}
