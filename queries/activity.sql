-- name: activity
-- title: Activity by identity
-- description: Requests per effective Kubernetes username, with the person and IAM principal behind it, how many were forbidden, and when it was first and last seen.
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: cluster text  Only requests of this cluster.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name).

-- Without a window, and with at most one cluster, the counts kept per identity at resolution give
-- the same rows without scanning every request.
SELECT
    (SELECT name FROM clusters) AS cluster,
    coalesce(res.person, u.name) AS person,
    res.iam_arn AS iam_principal,
    u.name AS username,
    res.status AS resolution,
    sum(res.requests) AS requests,
    sum(res.forbidden) AS forbidden,
    iso_time(min(res.first_seen)) AS first_seen,
    iso_time(max(res.last_seen)) AS last_seen
FROM identity_resolutions res
JOIN identities i ON i.id = res.identity_id
JOIN usernames u ON u.id = i.username_id
WHERE res.requests > 0
    AND :since IS NULL AND :until IS NULL AND (SELECT count(*) FROM clusters) <= 1
    AND (:cluster IS NULL OR :cluster = (SELECT name FROM clusters))
    AND (:user IS NULL OR u.name = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = res.identity_id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY res.person, res.iam_arn, u.name, res.status
UNION ALL
SELECT
    f.cluster,
    coalesce(res.person, f.effective_username) AS person,
    res.iam_arn AS iam_principal,
    f.effective_username AS username,
    res.status AS resolution,
    count(*) AS requests,
    sum(f.code = 403) AS forbidden,
    iso_time(min(f.received_at)) AS first_seen,
    iso_time(max(f.received_at)) AS last_seen
FROM request_facts f
LEFT JOIN identity_resolutions res ON res.identity_id = f.effective_identity_id
WHERE f.effective_username IS NOT NULL
    AND NOT (:since IS NULL AND :until IS NULL AND (SELECT count(*) FROM clusters) <= 1)
    AND (:since IS NULL OR f.received_at >= :since)
    AND (:until IS NULL OR f.received_at < :until)
    AND (:cluster IS NULL OR f.cluster = :cluster)
    AND (:user IS NULL OR f.effective_username = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = f.effective_identity_id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY f.cluster, res.person, res.iam_arn, f.effective_username, res.status
ORDER BY 6 DESC, 4;
