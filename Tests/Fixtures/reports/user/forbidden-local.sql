-- name: forbidden
-- description: A user's own version of the forbidden report: only counts per user.
SELECT username, count(*) AS requests FROM requests WHERE code = 403 GROUP BY username ORDER BY username;
