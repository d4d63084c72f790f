-- name: authn-failures
-- title: Failed authentications
-- description: Requests the apiserver answered 401 (no Kubernetes user), and aws-iam-authenticator 'access denied' lines, grouped by origin and reason.
-- param: since time  Only failures at or after this time (default: 90 days before --until).
-- param: until time  Only failures before this time (default: just after the newest stored request).
-- param: cluster text  Only failures of this cluster.
-- headline: true

-- A 401 has an empty user, so it is never attributed to a Kubernetes username. The authenticator
-- names the IAM principal only when the token itself was valid (for example "ARN is not mapped").
SELECT
    f.cluster,
    'apiserver 401' AS origin,
    NULL AS iam_principal,
    f.source_ip AS client,
    f.user_agent,
    f.message AS reason,
    count(*) AS count,
    iso_time(min(f.received_at)) AS first_seen,
    iso_time(max(f.received_at)) AS last_seen
FROM request_facts f
WHERE f.code = 401
    AND (:since IS NULL OR f.received_at >= :since)
    AND (:until IS NULL OR f.received_at < :until)
    AND (:cluster IS NULL OR f.cluster = :cluster)
GROUP BY f.cluster, f.source_ip, f.user_agent, f.message
UNION ALL
SELECT
    cl.name AS cluster,
    'authenticator' AS origin,
    a.arn AS iam_principal,
    NULL AS client,
    NULL AS user_agent,
    a.error AS reason,
    count(*) AS count,
    iso_time(min(a.time)) AS first_seen,
    iso_time(max(a.time)) AS last_seen
FROM authenticator_events a
LEFT JOIN clusters cl ON cl.id = a.cluster_id
WHERE a.message = 'access denied'
    AND (:since IS NULL OR a.time >= :since)
    AND (:until IS NULL OR a.time < :until)
    AND (:cluster IS NULL OR cl.name = :cluster)
GROUP BY cl.name, a.arn, a.error
ORDER BY 7 DESC, 2, 1, 6;
