-- name: broken
-- colour: red
-- description: Has a header field that does not exist.
SELECT 1;
