extension Schema {
    /// Stored report runs for `report --since-last-run`, and the RBAC usage tables that let reports
    /// count grant usage inside a time window.
    static let reportRuns = """
        -- One row per report run. `parameters` is a JSON object of the report options given, without
        -- --since and --until, which are stored as the window instead; runs with equal `report` and
        -- `parameters` are compared by --since-last-run.
        CREATE TABLE report_runs (
            id INTEGER PRIMARY KEY,
            report TEXT NOT NULL,
            parameters TEXT NOT NULL,
            window_start INTEGER,               -- inclusive
            window_end INTEGER,                 -- exclusive
            ran_at INTEGER NOT NULL,
            columns TEXT NOT NULL,              -- JSON array of the column names
            rows TEXT NOT NULL,                 -- JSON array of rows, each an array of values in column order
            row_count INTEGER NOT NULL
        );
        CREATE INDEX report_runs_report ON report_runs (report, parameters, id);

        -- Each distinct allowed request shape and every RBAC grant that allows it, recomputed after
        -- each ingest. Reports group the requests of a window by the same columns and join here.
        CREATE TABLE rbac_request_grants (
            identity_id INTEGER NOT NULL,
            verb_id INTEGER NOT NULL,
            resource_id INTEGER,
            namespace_id INTEGER,
            object_name TEXT,
            request_path TEXT,                  -- only when resource_id is NULL
            grant_id INTEGER NOT NULL REFERENCES rbac_grants (id),
            verb TEXT NOT NULL,
            api_group TEXT NOT NULL,
            resource TEXT NOT NULL,             -- resource/subresource, or the path of a non-resource URL
            namespace TEXT NOT NULL
        );
        CREATE INDEX rbac_request_grants_shape
            ON rbac_request_grants (identity_id, verb_id, resource_id, namespace_id, object_name, request_path);

        -- Who can reach Kubernetes through IAM Identity Center: directory person, directory group,
        -- permission set, the aws-auth role entry of that permission set, and the entry's groups.
        CREATE TABLE directory_access (
            person TEXT NOT NULL,               -- sAMAccountName, else userPrincipalName, else the DN
            display_name TEXT,
            is_disabled INTEGER,
            directory_group TEXT NOT NULL,
            permission_set TEXT NOT NULL,
            account TEXT NOT NULL,
            role_arn TEXT NOT NULL,             -- as the aws-auth entry writes it
            kubernetes_groups TEXT NOT NULL     -- JSON array
        );

        -- Least-privilege suggestions built from one person's requests (or one Kubernetes username's,
        -- when no person is known), bound to the groups whose grants allowed them.
        CREATE TABLE rbac_person_suggestions (
            person TEXT PRIMARY KEY,
            kind TEXT NOT NULL,                 -- person or username
            groups TEXT NOT NULL,               -- JSON array of the Kubernetes groups in the bindings
            granted_rules INTEGER NOT NULL,
            used_rules INTEGER NOT NULL,
            suggested_rules INTEGER NOT NULL,
            manifest TEXT NOT NULL
        );
        """
}
