-- name: forbidden
-- title: Forbidden requests by user
-- description: Requests with response code 403, grouped by user and verb.
-- param: since time  Only requests received at or after this time.
-- param: until time  Only requests received before this time.
-- param: user text  Only this username.
-- headline: true
SELECT username, verb, count(*) AS requests
FROM requests
WHERE code = 403
    AND (:since IS NULL OR received_at >= :since)
    AND (:until IS NULL OR received_at < :until)
    AND (:user IS NULL OR username = :user)
GROUP BY username, verb
ORDER BY username, verb;
