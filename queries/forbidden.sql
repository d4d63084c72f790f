-- name: forbidden
-- title: Forbidden requests by identity
-- description: Requests answered 403, grouped by person (the Kubernetes username when the person is unknown), directory groups, IAM principal, username, verb, resource and namespace, with how the person was found.
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: cluster text  Only requests of this cluster.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name), including requests that username or person sent as another user.
-- param: namespace text  Only this namespace.
-- changes: key=cluster,person,directory_groups,verb,resource,api_group,namespace added=new-forbidden
--   removed=no-longer-forbidden
-- headline: true

-- The effective identity is the impersonated user when the request used impersonation;
-- `impersonated_by` then names the user who sent it. A 403 whose authorization decision was
-- `allow` came from admission (for example PodSecurity), not from RBAC; `decision` shows which.
-- The inner query counts on integer keys only, so names are looked up once per group, not per request.
WITH groups AS (
    SELECT
        r.cluster_id,
        r.identity_id,
        r.impersonated_identity_id,
        coalesce(r.impersonated_identity_id, r.identity_id) AS effective_identity_id,
        r.verb_id,
        r.resource_id,
        r.request_path,
        r.namespace_id,
        count(*) AS count,
        min(r.received_at) AS first_seen,
        max(r.received_at) AS last_seen,
        max(r.decision) AS decision,
        max(r.message_id) AS message_id
    FROM requests r
    WHERE r.code = 403
        AND (:since IS NULL OR r.received_at >= :since)
        AND (:until IS NULL OR r.received_at < :until)
        AND (:cluster IS NULL OR r.cluster_id IN (SELECT id FROM clusters WHERE name = :cluster))
        AND (:namespace IS NULL OR r.namespace_id IN (SELECT id FROM namespaces WHERE name = :namespace))
    GROUP BY r.cluster_id, r.identity_id, r.impersonated_identity_id, r.verb_id, r.resource_id, r.request_path,
        r.namespace_id
),
named AS (
    SELECT
        cl.name AS cluster,
        coalesce(iu.name, u.name) AS effective_username,
        iu.name AS impersonated_username,
        u.name AS username,
        v.name AS verb,
        CASE WHEN rs.subresource <> '' THEN rs.resource || '/' || rs.subresource ELSE rs.resource END
            AS resource_path,
        g.request_path,
        rs.api_group,
        ns.name AS namespace,
        g.effective_identity_id,
        g.identity_id AS sender_identity_id,
        g.count,
        g.first_seen,
        g.last_seen,
        g.decision,
        msg.value AS message
    FROM groups g
    LEFT JOIN texts msg ON msg.id = g.message_id
    LEFT JOIN clusters cl ON cl.id = g.cluster_id
    LEFT JOIN identities ident ON ident.id = g.identity_id
    LEFT JOIN usernames u ON u.id = ident.username_id
    LEFT JOIN identities iident ON iident.id = g.impersonated_identity_id
    LEFT JOIN usernames iu ON iu.id = iident.username_id
    LEFT JOIN verbs v ON v.id = g.verb_id
    LEFT JOIN resources rs ON rs.id = g.resource_id
    LEFT JOIN namespaces ns ON ns.id = g.namespace_id
)
SELECT
    f.cluster,
    coalesce(res.person, f.effective_username) AS person,
    res.iam_arn AS iam_principal,
    res.permission_set,
    (SELECT group_concat(dg.group_name, ', ') FROM identity_groups dg WHERE dg.identity_id = f.effective_identity_id)
        AS directory_groups,
    f.effective_username AS username,
    CASE WHEN f.impersonated_username IS NOT NULL THEN f.username END AS impersonated_by,
    f.verb,
    coalesce(f.resource_path, f.request_path) AS resource,
    f.api_group,
    f.namespace,
    sum(f.count) AS count,
    iso_time(min(f.first_seen)) AS first_seen,
    iso_time(max(f.last_seen)) AS last_seen,
    CASE max(f.decision) WHEN 1 THEN 'allow' WHEN 2 THEN 'forbid' END AS decision,
    max(f.message) AS message,
    coalesce(res.person_source, res.source) AS resolved_by
FROM named f
LEFT JOIN identity_resolutions res ON res.identity_id = f.effective_identity_id
WHERE (:user IS NULL OR f.effective_username = :user OR f.username = :user
        OR EXISTS (SELECT 1 FROM identity_resolutions p
            WHERE p.identity_id IN (f.effective_identity_id, f.sender_identity_id) AND p.person = :user COLLATE NOCASE)
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id IN (f.effective_identity_id, f.sender_identity_id)
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY f.cluster, res.person, res.iam_arn, res.permission_set, directory_groups, resolved_by, f.effective_username,
    f.impersonated_username, f.username, f.verb, f.resource_path, f.request_path, f.api_group, f.namespace
ORDER BY sum(f.count) DESC, 2, 6, 8, 9, 11;
