-- name: identities
-- title: Identities
-- description: Every Kubernetes username seen, with the person, directory groups, IAM principal, permission set and sessions behind it, when it was first and last seen, and how it was resolved. `requests` and `forbidden` count what was done as this user, `sent_as_others` the requests it sent as another user by impersonation.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name).

SELECT
    u.name AS username,
    res.person,
    (SELECT group_concat(g.group_name, ', ') FROM (
        SELECT DISTINCT g.group_name FROM identity_groups g
        JOIN identity_resolutions r2 ON r2.identity_id = g.identity_id
        JOIN identities i2 ON i2.id = g.identity_id
        WHERE i2.username_id = i.username_id AND r2.person IS res.person
        ORDER BY g.group_name) g) AS directory_groups,
    res.iam_arn AS iam_principal,
    res.permission_set,
    count(DISTINCT coalesce(res.access_key_id, res.session_name)) AS sessions,
    sum(res.requests) AS requests,
    sum(res.forbidden) AS forbidden,
    sum(res.impersonating) AS sent_as_others,
    iso_time(min(res.first_seen)) AS first_seen,
    iso_time(max(res.last_seen)) AS last_seen,
    res.status AS resolution,
    coalesce(res.person_source, res.source) AS resolved_by
FROM identities i
JOIN usernames u ON u.id = i.username_id
JOIN identity_resolutions res ON res.identity_id = i.id
WHERE (res.requests > 0 OR res.impersonating > 0)
    AND (:user IS NULL OR u.name = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = i.id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY u.name, res.person, res.iam_arn, res.permission_set, res.status
ORDER BY sum(res.requests) DESC, u.name;
