-- name: unresolved
-- title: Identities not tied to a person
-- description: Every Kubernetes username or login session whose person is not known, with the reason (an SDK timestamp or EKSGetTokenAuth session name without CloudTrail, no user.extra, an unmapped ARN, ...).

SELECT
    u.name AS username,
    res.iam_arn AS iam_principal,
    res.session_name,
    res.session_kind,
    res.status AS resolution,
    res.reason,
    res.requests,
    res.forbidden,
    iso_time(res.first_seen) AS first_seen,
    iso_time(res.last_seen) AS last_seen
FROM identities i
JOIN usernames u ON u.id = i.username_id
JOIN identity_resolutions res ON res.identity_id = i.id
WHERE res.status IN ('partial', 'unresolved') AND res.requests > 0
ORDER BY res.forbidden DESC, res.requests DESC, u.name;
