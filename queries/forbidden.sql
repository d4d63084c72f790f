-- name: forbidden
-- title: Forbidden requests by identity
-- description: Requests answered 403, grouped by person (the Kubernetes username when the person is unknown), directory groups, IAM principal, username, verb, resource and namespace, with how the person was found.
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: cluster text  Only requests of this cluster.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name).
-- param: namespace text  Only this namespace.
-- changes: key=cluster,person,directory_groups,verb,resource,api_group,namespace added=new-forbidden
--   removed=no-longer-forbidden
-- headline: true

-- The effective identity is the impersonated user when the request used impersonation;
-- `impersonated_by` then names the user who sent it. A 403 whose authorization decision was
-- `allow` came from admission (for example PodSecurity), not from RBAC; `decision` shows which.
SELECT
    f.cluster,
    coalesce(res.person, f.effective_username) AS person,
    res.iam_arn AS iam_principal,
    res.permission_set,
    (SELECT group_concat(g.group_name, ', ') FROM identity_groups g WHERE g.identity_id = f.effective_identity_id)
        AS directory_groups,
    f.effective_username AS username,
    CASE WHEN f.impersonated_username IS NOT NULL THEN f.username END AS impersonated_by,
    f.verb,
    coalesce(f.resource_path, f.request_path) AS resource,
    f.api_group,
    f.namespace,
    count(*) AS count,
    iso_time(min(f.received_at)) AS first_seen,
    iso_time(max(f.received_at)) AS last_seen,
    max(f.decision) AS decision,
    max(f.message) AS message,
    coalesce(res.person_source, res.source) AS resolved_by
FROM request_facts f
LEFT JOIN identity_resolutions res ON res.identity_id = f.effective_identity_id
WHERE f.code = 403
    AND (:since IS NULL OR f.received_at >= :since)
    AND (:until IS NULL OR f.received_at < :until)
    AND (:cluster IS NULL OR f.cluster = :cluster)
    AND (:user IS NULL OR f.effective_username = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = f.effective_identity_id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
    AND (:namespace IS NULL OR f.namespace = :namespace)
GROUP BY f.cluster, res.person, res.iam_arn, res.permission_set, directory_groups, resolved_by, f.effective_username, f.impersonated_username, f.username, f.verb,
    f.resource_path, f.request_path, f.api_group, f.namespace
ORDER BY count(*) DESC, 2, 6, 8, 9, 11;
