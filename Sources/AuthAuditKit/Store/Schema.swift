/// The store's schema, as an ordered list of migrations.
///
/// Times are INTEGER microseconds since the Unix epoch (UTC); `iso_time(x)` formats them in SQL
/// run by authaudit, and `datetime(x / 1000000, 'unixepoch')` works in any SQLite shell.
/// Repeated strings live in small dimension tables keyed by integer.
public enum Schema {
    public static let migrator = Migrator(migrations: [
        Migration("0001-initial", sql: initial),
        Migration("0002-identity-chain", sql: identityChain),
        Migration("0003-rbac-usage", sql: rbacUsage),
        Migration("0004-clusters", sql: clusters),
        Migration("0005-checkpoints", sql: checkpoints),
        Migration("0006-authenticator-clusters", sql: authenticatorClusters),
        Migration("0007-report-indexes", sql: reportIndexes),
        Migration("0008-report-runs", sql: reportRuns),
        Migration("0009-compact-levels", sql: "DROP VIEW request_facts;\n" + requestFactsView),
        Migration("0010-request-key", sql: requestKey),
        Migration("0011-store-state", sql: storeState),
        Migration("0012-diagnostic-offsets", sql: diagnosticOffsets),
        Migration("0013-impersonation", sql: impersonation),
    ])

    static let initial = """
        CREATE TABLE usernames (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE verbs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE namespaces (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE user_agents (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        CREATE TABLE source_ips (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        -- Response messages and authorization reasons.
        CREATE TABLE texts (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        -- '' stands for the core API group and for "no subresource".
        CREATE TABLE resources (
            id INTEGER PRIMARY KEY,
            api_group TEXT NOT NULL,
            resource TEXT NOT NULL,
            subresource TEXT NOT NULL,
            UNIQUE (api_group, resource, subresource)
        );

        -- Every input read: files, rotated copies, stdin.
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            kind TEXT NOT NULL,
            size INTEGER,
            fingerprint INTEGER,
            lines INTEGER NOT NULL DEFAULT 0,
            records INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            complete INTEGER NOT NULL DEFAULT 0,
            started_at INTEGER NOT NULL,
            finished_at INTEGER
        );
        CREATE INDEX sources_fingerprint ON sources (fingerprint, size);

        -- One row per distinct `user` / `impersonatedUser` object of the audit log.
        CREATE TABLE identities (
            id INTEGER PRIMARY KEY,
            fingerprint INTEGER NOT NULL UNIQUE,
            username_id INTEGER NOT NULL REFERENCES usernames (id),
            uid TEXT,
            groups TEXT NOT NULL,   -- JSON array
            extra TEXT NOT NULL     -- JSON object of string arrays
        );
        CREATE INDEX identities_username ON identities (username_id);

        -- One row per audit request (auditID), its stage events merged across files.
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            audit_id BLOB NOT NULL UNIQUE,      -- 16 bytes for a UUID, else the UTF-8 text
            received_at INTEGER,
            completed_at INTEGER,               -- stageTimestamp of the latest stage seen
            stages INTEGER NOT NULL,            -- bit set: 1 RequestReceived, 2 ResponseStarted, 4 ResponseComplete, 8 Panic
            response_stage INTEGER,             -- stage whose response fields are kept (1-4)
            level TEXT,
            verb_id INTEGER REFERENCES verbs (id),
            identity_id INTEGER REFERENCES identities (id),
            impersonated_identity_id INTEGER REFERENCES identities (id),
            resource_id INTEGER REFERENCES resources (id),
            namespace_id INTEGER REFERENCES namespaces (id),
            object_name TEXT,
            request_path TEXT,                  -- only for requests without objectRef (non-resource URLs)
            code INTEGER,
            decision INTEGER,                   -- 1 allow, 2 forbid
            reason_id INTEGER REFERENCES texts (id),
            message_id INTEGER REFERENCES texts (id),
            source_ip_id INTEGER REFERENCES source_ips (id),
            user_agent_id INTEGER REFERENCES user_agents (id),
            source_id INTEGER REFERENCES sources (id)
        );
        CREATE INDEX requests_received ON requests (received_at);
        CREATE INDEX requests_forbidden ON requests (received_at) WHERE code = 403;
        CREATE INDEX requests_unauthorized ON requests (received_at) WHERE code = 401;

        -- aws-iam-authenticator per-request lines. Decision lines carry the session facts of the
        -- "STS response" line paired with them (the previous one from the same client).
        CREATE TABLE authenticator_events (
            id INTEGER PRIMARY KEY,
            fingerprint INTEGER NOT NULL UNIQUE,
            time INTEGER,
            message TEXT NOT NULL,
            level TEXT,
            client TEXT,
            arn TEXT,
            sts_arn TEXT,
            account_id TEXT,
            principal_id TEXT,
            session_name TEXT,
            access_key_id TEXT,
            username TEXT,
            uid TEXT,
            groups TEXT,
            error TEXT,
            sts_endpoint TEXT,
            source_id INTEGER REFERENCES sources (id)
        );
        CREATE INDEX authenticator_events_username ON authenticator_events (username);
        CREATE INDEX authenticator_events_time ON authenticator_events (time);

        -- Mapping documents (aws-auth ConfigMaps, IAMIdentityMapping sets, DynamicFile JSON) and their entries.
        CREATE TABLE mapping_documents (
            id INTEGER PRIMARY KEY,
            content_hash INTEGER NOT NULL UNIQUE,
            source_id INTEGER REFERENCES sources (id),
            kind TEXT NOT NULL,
            loaded_at INTEGER NOT NULL
        );
        CREATE TABLE mapping_entries (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES mapping_documents (id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,                 -- role, user, account
            arn TEXT,
            username_template TEXT,
            groups TEXT,                        -- JSON array
            user_id TEXT,
            sso_permission_set TEXT,            -- the alpha `sso:` matcher of mapRoles
            sso_account_id TEXT,
            sso_partition TEXT,
            UNIQUE (document_id, position)
        );

        -- RBAC objects as read from dumps, stored as JSON for the least-privilege reports.
        CREATE TABLE rbac_objects (
            id INTEGER PRIMARY KEY,
            content_hash INTEGER NOT NULL UNIQUE,
            source_id INTEGER REFERENCES sources (id),
            kind TEXT NOT NULL,
            namespace TEXT,
            name TEXT NOT NULL,
            object TEXT NOT NULL
        );

        -- The resolution of each identity, recomputed after every ingest.
        CREATE TABLE identity_resolutions (
            identity_id INTEGER PRIMARY KEY REFERENCES identities (id),
            status TEXT NOT NULL,
            reason TEXT,
            person TEXT,
            iam_arn TEXT,
            account_id TEXT,
            permission_set TEXT,
            session_name TEXT,
            session_kind TEXT,
            source TEXT                          -- source of the IAM principal link
        );
        CREATE TABLE identity_links (
            identity_id INTEGER NOT NULL REFERENCES identities (id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (identity_id, position)
        ) WITHOUT ROWID;

        -- Diagnostics of every ingest, for `report skipped` and later review.
        CREATE TABLE diagnostics (
            id INTEGER PRIMARY KEY,
            recorded_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            line INTEGER,
            severity TEXT NOT NULL,
            problem TEXT NOT NULL
        );
        """

    /// The mapping history, directory, SSO assignments, CloudTrail role assumptions and sessions.
    static let identityChain = """
        -- When a mapping document took effect: an aws-auth update in the audit log, or the newest
        -- managedFields / creation time of a ConfigMap file. NULL: unknown, used as the baseline.
        ALTER TABLE mapping_documents ADD COLUMN effective_at INTEGER;
        ALTER TABLE mapping_documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'file';

        -- Whole input documents that are read again at each resolution: directory exports, SSO
        -- assignments, EKS access entries. They are small next to the logs.
        CREATE TABLE input_documents (
            id INTEGER PRIMARY KEY,
            content_hash INTEGER NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            source_id INTEGER REFERENCES sources (id),
            loaded_at INTEGER NOT NULL,
            content BLOB NOT NULL
        );

        -- STS AssumeRole* calls from CloudTrail: each creates a role session. `record` is the parsed
        -- call as JSON, read back whole at resolution; the other columns are for queries.
        CREATE TABLE role_assumptions (
            id INTEGER PRIMARY KEY,
            event_key TEXT NOT NULL UNIQUE,     -- eventID, else a hash of the record
            event_time INTEGER NOT NULL,
            event_name TEXT NOT NULL,
            role_arn TEXT NOT NULL,
            session_name TEXT NOT NULL,
            access_key_id TEXT,
            caller_arn TEXT,
            record TEXT NOT NULL,
            source_id INTEGER REFERENCES sources (id)
        );
        CREATE INDEX role_assumptions_access_key ON role_assumptions (access_key_id);

        ALTER TABLE identity_resolutions ADD COLUMN access_key_id TEXT;
        ALTER TABLE identity_resolutions ADD COLUMN person_source TEXT;
        -- Request counts of each identity (as requesting or impersonated user), computed at resolution.
        ALTER TABLE identity_resolutions ADD COLUMN first_seen INTEGER;
        ALTER TABLE identity_resolutions ADD COLUMN last_seen INTEGER;
        ALTER TABLE identity_resolutions ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE identity_resolutions ADD COLUMN forbidden INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE identity_links ADD COLUMN observed_at INTEGER;

        -- AD groups of the person behind each identity (nested groups expanded).
        CREATE TABLE identity_groups (
            identity_id INTEGER NOT NULL REFERENCES identities (id),
            group_name TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (identity_id, group_name)
        ) WITHOUT ROWID;

        """ + sessionsView

    /// RBAC grants (binding, subject, rule) and which requests used them, recomputed after each ingest.
    static let rbacUsage = """
        CREATE TABLE rbac_grants (
            id INTEGER PRIMARY KEY,
            binding_kind TEXT NOT NULL,
            binding_namespace TEXT,
            binding_name TEXT NOT NULL,
            subject_kind TEXT,
            subject_name TEXT,
            subject_namespace TEXT,
            role_kind TEXT NOT NULL,
            role_name TEXT NOT NULL,
            rule_index INTEGER,                 -- NULL when the binding's role does not exist
            verbs TEXT,                         -- the rule's lists, comma-separated
            api_groups TEXT,
            resources TEXT,
            resource_names TEXT,
            non_resource_urls TEXT,
            dead_reason TEXT,                   -- why the rule can never match anything, if it cannot
            unused_verbs TEXT,                  -- listed verbs and resources no request used
            unused_resources TEXT,
            requests INTEGER NOT NULL DEFAULT 0,
            last_used_at INTEGER
        );
        CREATE TABLE rbac_grant_usage (
            grant_id INTEGER NOT NULL REFERENCES rbac_grants (id),
            verb TEXT NOT NULL,
            api_group TEXT NOT NULL,
            resource TEXT NOT NULL,             -- resource/subresource, or the path of a non-resource URL
            namespace TEXT NOT NULL,
            requests INTEGER NOT NULL,
            last_used_at INTEGER,
            PRIMARY KEY (grant_id, verb, api_group, resource, namespace)
        ) WITHOUT ROWID;

        -- The smallest roles that allow exactly what each RBAC group subject used, as YAML manifests.
        CREATE TABLE rbac_suggestions (
            subject TEXT PRIMARY KEY,
            granted_rules INTEGER NOT NULL,
            used_rules INTEGER NOT NULL,
            suggested_rules INTEGER NOT NULL,
            manifest TEXT NOT NULL
        );
        """

    /// The cluster of each request and authenticator line, so one store can hold several clusters.
    static let clusters = """
        CREATE TABLE clusters (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        ALTER TABLE requests ADD COLUMN cluster_id INTEGER REFERENCES clusters (id);
        ALTER TABLE authenticator_events ADD COLUMN cluster TEXT;

        """ + requestFactsView
}
