-- name: forbidden-detail
-- title: Forbidden requests, one row each
-- description: Every request answered 403, with its time, audit ID, identity chain and the apiserver's message (what 'report forbidden --detail' prints).
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: cluster text  Only requests of this cluster.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name), including requests that username or person sent as another user.
-- param: namespace text  Only this namespace.
-- changes: key=cluster,time,audit_id added=new-forbidden removed=no-longer-listed
SELECT
    f.cluster,
    iso_time(f.received_at) AS time,
    audit_id_text(f.audit_id) AS audit_id,
    coalesce(res.person, f.effective_username) AS person,
    res.iam_arn AS iam_principal,
    res.permission_set,
    (SELECT group_concat(g.group_name, ', ') FROM identity_groups g WHERE g.identity_id = f.effective_identity_id)
        AS directory_groups,
    res.session_name,
    f.effective_username AS username,
    CASE WHEN f.impersonated_username IS NOT NULL THEN f.username END AS impersonated_by,
    f.verb,
    coalesce(f.resource_path, f.request_path) AS resource,
    f.api_group,
    f.namespace,
    f.object_name AS name,
    f.decision,
    f.message,
    f.source_ip,
    f.user_agent,
    coalesce(res.person_source, res.source) AS resolved_by
FROM request_facts f
LEFT JOIN identity_resolutions res ON res.identity_id = f.effective_identity_id
WHERE f.code = 403
    AND (:since IS NULL OR f.received_at >= :since)
    AND (:until IS NULL OR f.received_at < :until)
    AND (:cluster IS NULL OR f.cluster = :cluster)
    AND (:user IS NULL OR f.effective_username = :user OR f.username = :user
        OR EXISTS (SELECT 1 FROM requests r JOIN identity_resolutions p
                ON p.identity_id IN (f.effective_identity_id, r.identity_id)
            WHERE r.id = f.request_id AND p.person = :user COLLATE NOCASE)
        OR EXISTS (SELECT 1 FROM requests r JOIN identity_links l
                ON l.identity_id IN (f.effective_identity_id, r.identity_id)
            WHERE r.id = f.request_id AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
    AND (:namespace IS NULL OR f.namespace = :namespace)
ORDER BY f.received_at, f.request_id;
