extension Schema {
    /// Keys requests by receive time and audit ID instead of the audit ID alone.
    ///
    /// Every stage of a request repeats its `requestReceivedTimestamp`, so the pair still merges stages
    /// and still makes re-reading a file harmless. Keyed by the random UUID alone, each new request
    /// dirtied a random page of the unique index. Once that index outgrew the page cache, every write
    /// read and wrote a page. A 5M-line ingest took twice as long, and `tail` fell behind at 20,000
    /// lines per second on a 10-million-request store. Logs arrive nearly in time order, so
    /// with the time first the writes stay at the index's right edge. The new index also serves the
    /// time ranges of `requests_received`, which is dropped.
    ///
    /// SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt with the same ids.
    /// Rows without a receive time take their completion time.
    static let requestKey = """
        DROP VIEW sessions;
        DROP VIEW request_facts;
        CREATE TABLE requests_keyed (
            id INTEGER PRIMARY KEY,
            audit_id BLOB NOT NULL,             -- 16 bytes for a UUID, else the UTF-8 text
            received_at INTEGER,                -- requestReceivedTimestamp, else the stage's own time
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
            source_id INTEGER REFERENCES sources (id),
            cluster_id INTEGER REFERENCES clusters (id)
        );
        INSERT INTO requests_keyed
        SELECT
            id, audit_id, coalesce(received_at, completed_at), completed_at, stages, response_stage, level,
            verb_id, identity_id, impersonated_identity_id, resource_id, namespace_id, object_name,
            request_path, code, decision, reason_id, message_id, source_ip_id, user_agent_id, source_id,
            cluster_id
        FROM requests;
        DROP TABLE requests;
        ALTER TABLE requests_keyed RENAME TO requests;
        CREATE UNIQUE INDEX requests_key ON requests (received_at, audit_id);
        CREATE INDEX requests_forbidden ON requests (received_at) WHERE code = 403;
        CREATE INDEX requests_unauthorized ON requests (received_at) WHERE code = 401;

        """ + sessionsView + requestFactsView

    /// A login session: one IAM role or user session (by access key when known) and its requests.
    static let sessionsView = """
        CREATE VIEW sessions AS
        SELECT
            res.iam_arn,
            res.session_name,
            res.access_key_id,
            res.person,
            min(r.received_at) AS started_at,
            max(r.received_at) AS last_activity_at,
            count(*) AS requests,
            sum(r.code = 403) AS forbidden
        FROM requests r
        JOIN identity_resolutions res ON res.identity_id = coalesce(r.impersonated_identity_id, r.identity_id)
        WHERE res.iam_arn IS NOT NULL
        GROUP BY res.iam_arn, res.session_name, res.access_key_id, res.person;

        """
}
