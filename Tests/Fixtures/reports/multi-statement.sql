-- name: multi
-- description: Two statements; the rows of the second are the result.
-- param: minimum integer  Smallest count to list.
/* The first statement only checks that the table is there; a ';' in a comment does not split. */
SELECT count(*) FROM requests;

SELECT username, count(*) AS "requests; total"  -- a ';' in a quoted name does not split either
FROM requests
WHERE username <> 'x;y'
GROUP BY username
HAVING count(*) >= coalesce(:minimum, 0)
ORDER BY username;
