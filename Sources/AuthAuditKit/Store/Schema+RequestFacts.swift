extension Schema {
    /// Requests with their names resolved, for reports and for users' own SQL.
    ///
    /// `requests.level` contains a one-letter code of the audit level (`AuditLevelCode`). Stores written
    /// before the codes contain the full name, which the view passes through.
    static let requestFactsView = """
        CREATE VIEW request_facts AS
        SELECT
            r.id AS request_id,
            r.audit_id,
            r.received_at,
            r.completed_at,
            r.stages,
            CASE r.level
                WHEN 'M' THEN 'Metadata' WHEN 'R' THEN 'RequestResponse' WHEN 'Q' THEN 'Request' WHEN 'N' THEN 'None'
                ELSE r.level
            END AS level,
            v.name AS verb,
            u.name AS username,
            iu.name AS impersonated_username,
            coalesce(iu.name, u.name) AS effective_username,
            coalesce(r.impersonated_identity_id, r.identity_id) AS effective_identity_id,
            res.api_group,
            res.resource,
            nullif(res.subresource, '') AS subresource,
            CASE WHEN res.subresource <> '' THEN res.resource || '/' || res.subresource ELSE res.resource END
                AS resource_path,
            ns.name AS namespace,
            r.object_name,
            r.request_path,
            r.code,
            CASE r.decision WHEN 1 THEN 'allow' WHEN 2 THEN 'forbid' END AS decision,
            reason.value AS reason,
            message.value AS message,
            ip.value AS source_ip,
            ua.value AS user_agent,
            r.source_id,
            cl.name AS cluster
        FROM requests r
        LEFT JOIN verbs v ON v.id = r.verb_id
        LEFT JOIN identities ident ON ident.id = r.identity_id
        LEFT JOIN usernames u ON u.id = ident.username_id
        LEFT JOIN identities iident ON iident.id = r.impersonated_identity_id
        LEFT JOIN usernames iu ON iu.id = iident.username_id
        LEFT JOIN resources res ON res.id = r.resource_id
        LEFT JOIN namespaces ns ON ns.id = r.namespace_id
        LEFT JOIN texts reason ON reason.id = r.reason_id
        LEFT JOIN texts message ON message.id = r.message_id
        LEFT JOIN source_ips ip ON ip.id = r.source_ip_id
        LEFT JOIN user_agents ua ON ua.id = r.user_agent_id
        LEFT JOIN clusters cl ON cl.id = r.cluster_id;
        """
}
