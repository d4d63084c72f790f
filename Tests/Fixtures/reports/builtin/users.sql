-- description: Every username seen.
SELECT DISTINCT username FROM requests ORDER BY username;
