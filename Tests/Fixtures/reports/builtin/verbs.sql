-- title: Requests by verb
-- description: How many requests each verb had.
SELECT verb, count(*) AS requests FROM requests GROUP BY verb ORDER BY verb;
