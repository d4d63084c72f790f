-- name: activity
-- title: Activity by identity
-- description: Requests per effective Kubernetes username, with the person and IAM principal behind it, how many were forbidden, and when it was first and last seen.
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: cluster text  Only requests of this cluster.
-- param: user text  Only this Kubernetes username or person (directory user, e-mail or session name).

-- When the window covers every stored request and at most one cluster is stored, the counts kept
-- per identity at resolution give the same rows without scanning every request. Requests without
-- a received time fall in no window, so only the fast path counts them.
WITH covers_all AS (
    SELECT (:since IS NULL OR :since <= (SELECT min(received_at) FROM requests))
        AND (:until IS NULL OR :until > (SELECT max(received_at) FROM requests))
        AND (SELECT count(*) FROM clusters) <= 1
        -- The totals are written when an ingest or a tail ends; while a tail runs they lag behind.
        AND (SELECT value FROM store_state WHERE name = 'derived_current') = 1 AS yes
),
-- The window's requests counted on integer keys, so names are looked up once per group.
-- NOTE: SQLite sorts every request of the window to group them: 1.6 s for half of the 5,000,000-line
-- gen-audit store on 2 shared cores. Per-identity totals by hour, written at ingest, would avoid it.
counted AS (
    SELECT
        r.cluster_id,
        coalesce(r.impersonated_identity_id, r.identity_id) AS identity_id,
        count(*) AS requests,
        sum(r.code = 403) AS forbidden,
        min(r.received_at) AS first_seen,
        max(r.received_at) AS last_seen
    FROM requests r
    -- One range term, so SQLite reads only the window through requests_key, where
    -- `:since IS NULL OR ...` would make it read every request. Times are integer microseconds,
    -- so `:until - 1` is the last one inside the window.
    WHERE r.received_at BETWEEN coalesce(:since, -9223372036854775807 - 1)
            AND coalesce(:until - 1, 9223372036854775807)
        AND (:cluster IS NULL OR r.cluster_id IN (SELECT id FROM clusters WHERE name = :cluster))
    GROUP BY r.cluster_id, coalesce(r.impersonated_identity_id, r.identity_id)
    -- SQLite tests a LIMIT of 0 once before it reads any row, but a WHERE term with a subquery on
    -- every row, so this skips the scan when the stored totals give the counts.
    LIMIT CASE WHEN (SELECT yes FROM covers_all) THEN 0 ELSE -1 END
)
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
    AND (SELECT yes FROM covers_all)
    AND (:cluster IS NULL OR :cluster = (SELECT name FROM clusters))
    AND (:user IS NULL OR u.name = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = res.identity_id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY res.person, res.iam_arn, u.name, res.status
UNION ALL
SELECT
    cl.name AS cluster,
    coalesce(res.person, u.name) AS person,
    res.iam_arn AS iam_principal,
    u.name AS username,
    res.status AS resolution,
    sum(c.requests) AS requests,
    sum(c.forbidden) AS forbidden,
    iso_time(min(c.first_seen)) AS first_seen,
    iso_time(max(c.last_seen)) AS last_seen
FROM counted c
JOIN identities i ON i.id = c.identity_id
JOIN usernames u ON u.id = i.username_id
LEFT JOIN clusters cl ON cl.id = c.cluster_id
LEFT JOIN identity_resolutions res ON res.identity_id = c.identity_id
WHERE (:user IS NULL OR u.name = :user OR res.person = :user COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = c.identity_id
            AND l.kind = 'person' AND l.value = :user COLLATE NOCASE))
GROUP BY cl.name, res.person, res.iam_arn, u.name, res.status
ORDER BY 6 DESC, 4;
