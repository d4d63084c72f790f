-- name: unused-grants
-- title: Unused and dead RBAC grants, aws-auth entries and people
-- description: Access that nobody used in the window. Each row has a kind. 'rbac rule': every rule of
--   every RBAC binding with its subject and the aws-auth entries that put people in the subject's
--   group, and what of it was used: rules no allowed request matched (unused), verbs and resources
--   inside used rules that no request needed (partly used), rules that can never match anything
--   (dead), and rules with a '*' verb or resource, with the verbs and resources used under it, which
--   is what the wildcard could be narrowed to (wildcard). 'aws-auth entry': role and user mappings
--   that no request's identity resolved to. 'person': directory people who can reach a mapped group
--   through a directory group, an IAM Identity Center permission set and its aws-auth role entry, and
--   sent no request through that role. Without --since and --until the window is the 90 days ending
--   at the newest stored request.
-- param: since time  Only requests received at or after this time (default: 90 days before --until).
-- param: until time  Only requests received before this time (default: just after the newest stored request).
-- param: subject text  Only this subject (a group, user or service account name).
-- changes: key=kind,binding,subject,mapped_from,person,role,rule,status added=became-unused
--   removed=newly-used
-- headline: true

-- Usage counts every allowed request that each rule allows, not only the first grant the apiserver
-- named in its audit reason. Requests of system:masters members never reach RBAC, so grants they
-- alone could use show as unused. `used` groups the window's allowed requests by the same columns
-- that the ingest matched against RBAC (rbac_request_grants), so each distinct request shape is
-- joined once.
--
-- When the window covers every stored request, the per-grant totals the ingest kept
-- (rbac_grant_usage) give the same counts without grouping every request. Requests without a
-- received time fall in no window, so only those totals count them.
WITH covers_all AS (
    SELECT (:since IS NULL OR :since <= (SELECT min(received_at) FROM requests))
        AND (:until IS NULL OR :until > (SELECT max(received_at) FROM requests))
        -- The totals are written when an ingest or a tail ends; while a tail runs they lag behind.
        AND (SELECT value FROM store_state WHERE name = 'derived_current') = 1 AS yes
),
used AS MATERIALIZED (
    SELECT
        coalesce(r.impersonated_identity_id, r.identity_id) AS identity_id, r.verb_id, r.resource_id,
        r.namespace_id, r.object_name, CASE WHEN r.resource_id IS NULL THEN r.request_path END AS request_path,
        count(*) AS requests, max(r.received_at) AS last_used_at
    FROM requests r
    WHERE (r.identity_id IS NOT NULL OR r.impersonated_identity_id IS NOT NULL) AND r.verb_id IS NOT NULL
        AND (r.decision = 1 OR (r.decision IS NULL AND r.code BETWEEN 100 AND 399))
        -- One range term, so SQLite reads only the window through requests_key, where
        -- `:since IS NULL OR ...` would make it read every request. Times are integer microseconds,
        -- so `:until - 1` is the last one inside the window.
        AND r.received_at BETWEEN coalesce(:since, -9223372036854775807 - 1)
            AND coalesce(:until - 1, 9223372036854775807)
    GROUP BY 1, 2, 3, 4, 5, 6
    -- SQLite tests a LIMIT of 0 once before it reads any row, but a WHERE term with a subquery on
    -- every row, so this skips the scan when the stored totals give the counts.
    LIMIT CASE WHEN (SELECT yes FROM covers_all) THEN 0 ELSE -1 END
),
grant_use AS MATERIALIZED (
    SELECT rg.grant_id, rg.verb, rg.resource, sum(u.requests) AS requests, max(u.last_used_at) AS last_used_at
    FROM used u
    JOIN rbac_request_grants rg ON rg.identity_id = u.identity_id AND rg.verb_id = u.verb_id
        AND rg.resource_id IS u.resource_id AND rg.namespace_id IS u.namespace_id
        AND rg.object_name IS u.object_name AND rg.request_path IS u.request_path
    GROUP BY rg.grant_id, rg.verb, rg.resource
    UNION ALL
    SELECT grant_id, verb, resource, sum(requests), max(last_used_at)
    FROM rbac_grant_usage
    WHERE (SELECT yes FROM covers_all)
    GROUP BY grant_id, verb, resource
),
grant_totals AS MATERIALIZED (
    SELECT grant_id, sum(requests) AS requests, max(last_used_at) AS last_used_at FROM grant_use GROUP BY grant_id
),
-- The identities that authenticated in the window, forbidden requests included. A window that
-- covers the store reads the table in order, which is faster than looking up every row through
-- requests_key. Any other window reads only its range of requests_key. The LIMIT of each part picks
-- one of them, as in `used`.
signed_in AS MATERIALIZED (
    SELECT identity_id FROM (
        SELECT DISTINCT r.identity_id FROM requests r NOT INDEXED
        WHERE r.identity_id IS NOT NULL
            AND (:since IS NULL OR r.received_at >= :since) AND (:until IS NULL OR r.received_at < :until)
        LIMIT CASE WHEN (SELECT yes FROM covers_all) THEN -1 ELSE 0 END)
    UNION ALL
    SELECT identity_id FROM (
        SELECT DISTINCT r.identity_id FROM requests r
        WHERE r.identity_id IS NOT NULL
            AND r.received_at BETWEEN coalesce(:since, -9223372036854775807 - 1)
                AND coalesce(:until - 1, 9223372036854775807)
        LIMIT CASE WHEN (SELECT yes FROM covers_all) THEN 0 ELSE -1 END)
),
grants AS (
    SELECT
        g.*,
        coalesce(nullif(g.resources, ''), g.non_resource_urls) AS listed_resources,
        coalesce(t.requests, 0) AS window_requests,
        t.last_used_at AS window_last_used_at,
        t.grant_id IS NOT NULL AS is_used,
        ',' || g.verbs || ',' LIKE '%,*,%'
            OR ',' || coalesce(nullif(g.resources, ''), g.non_resource_urls) || ',' LIKE '%,*,%' AS has_wildcard
    FROM rbac_grants g
    LEFT JOIN grant_totals t ON t.grant_id = g.id
),
rules AS (
    SELECT
        g.*,
        CASE WHEN g.is_used THEN (
            SELECT group_concat(value) FROM (
                SELECT v.value FROM json_each('["' || replace(g.verbs, ',', '","') || '"]') v
                WHERE v.value NOT IN ('', '*')
                    AND v.value NOT IN (SELECT u.verb FROM grant_use u WHERE u.grant_id = g.id)
                ORDER BY v.key))
        END AS window_unused_verbs,
        CASE WHEN g.is_used THEN (
            SELECT group_concat(value) FROM (
                SELECT v.value FROM json_each('["' || replace(g.listed_resources, ',', '","') || '"]') v
                WHERE v.value NOT IN ('', '*')
                    AND v.value NOT IN (SELECT u.resource FROM grant_use u WHERE u.grant_id = g.id)
                ORDER BY v.key))
        END AS window_unused_resources,
        CASE WHEN g.is_used AND g.has_wildcard THEN (
            SELECT group_concat(verb) FROM (
                SELECT DISTINCT u.verb FROM grant_use u WHERE u.grant_id = g.id ORDER BY u.verb))
        END AS used_verbs,
        CASE WHEN g.is_used AND g.has_wildcard THEN (
            SELECT group_concat(resource) FROM (
                SELECT DISTINCT u.resource FROM grant_use u WHERE u.grant_id = g.id ORDER BY u.resource))
        END AS used_resources
    FROM grants g
),
rbac_rows AS (
    SELECT
        'rbac rule' AS kind,
        g.binding_kind || ' ' || coalesce(g.binding_namespace || '/', '') || g.binding_name AS binding,
        coalesce(g.subject_kind || ' ' || g.subject_name, '(no subjects)') AS subject,
        (SELECT group_concat(DISTINCT e.arn) FROM mapping_entries e, json_each(e.groups) j
            WHERE g.subject_kind = 'Group' AND j.value = g.subject_name) AS mapped_from,
        NULL AS person,
        NULL AS via,
        g.role_kind || ' ' || g.role_name AS role,
        g.rule_index AS rule,
        g.verbs,
        g.api_groups,
        g.listed_resources AS resources,
        CASE
            WHEN g.dead_reason IS NOT NULL AND NOT g.is_used THEN 'dead'
            WHEN NOT g.is_used THEN 'unused'
            WHEN g.has_wildcard THEN 'wildcard'
            WHEN g.window_unused_verbs IS NOT NULL OR g.window_unused_resources IS NOT NULL THEN 'partly used'
            ELSE 'used'
        END AS status,
        g.window_requests AS requests,
        iso_time(coalesce(g.window_last_used_at, g.last_used_at)) AS last_used,
        g.window_unused_verbs AS unused_verbs,
        g.window_unused_resources AS unused_resources,
        g.used_verbs,
        g.used_resources,
        g.dead_reason AS never_matches,
        (SELECT sum(g2.window_requests) FROM grants g2 WHERE g2.binding_kind = g.binding_kind
            AND g2.binding_namespace IS g.binding_namespace AND g2.binding_name = g.binding_name) = 0
            AS binding_unused,
        g.binding_kind AS sort_binding_kind,
        g.binding_namespace AS sort_binding_namespace,
        g.binding_name AS sort_binding_name,
        g.subject_name AS sort_subject
    FROM rules g
    WHERE (:subject IS NULL OR g.subject_name = :subject)
        AND (g.dead_reason IS NOT NULL OR NOT g.is_used OR g.has_wildcard
            OR g.window_unused_verbs IS NOT NULL OR g.window_unused_resources IS NOT NULL)
),
-- aws-auth entries from every stored mapping document, each distinct mapping once.
entries AS (
    SELECT DISTINCT kind, arn, username_template, coalesce(groups, '[]') AS groups FROM mapping_entries
    WHERE arn IS NOT NULL
),
entry_rows AS (
    SELECT
        'aws-auth entry' AS kind,
        'aws-auth map' || CASE e.kind WHEN 'role' THEN 'Roles' WHEN 'user' THEN 'Users' ELSE 'Accounts' END
            AS binding,
        (SELECT group_concat('Group ' || j.value, ', ') FROM json_each(e.groups) j) AS subject,
        e.arn AS mapped_from,
        NULL AS person,
        'username ' || coalesce(e.username_template, '(default)') AS via,
        NULL AS role, NULL AS rule, NULL AS verbs, NULL AS api_groups, NULL AS resources,
        'unused' AS status,
        0 AS requests,
        -- The last use before the window, if the store has one.
        (SELECT iso_time(max(res.last_seen)) FROM identity_resolutions res
            WHERE res.iam_arn = e.arn COLLATE NOCASE
                OR (e.kind = 'account' AND res.account_id = e.arn)) AS last_used,
        NULL AS unused_verbs, NULL AS unused_resources, NULL AS used_verbs, NULL AS used_resources,
        NULL AS never_matches, 1 AS binding_unused,
        NULL AS sort_binding_kind, NULL AS sort_binding_namespace, e.arn AS sort_binding_name,
        NULL AS sort_subject
    FROM entries e
    -- NOTE: a mapAccounts entry counts as used when any identity of its account signed in, even one
    -- that a role or user entry mapped first.
    WHERE NOT EXISTS (
            SELECT 1 FROM signed_in s JOIN identity_resolutions res ON res.identity_id = s.identity_id
            WHERE res.iam_arn = e.arn COLLATE NOCASE OR (e.kind = 'account' AND res.account_id = e.arn))
        AND (:subject IS NULL OR EXISTS (SELECT 1 FROM json_each(e.groups) j WHERE j.value = :subject))
),
person_rows AS (
    SELECT
        'person' AS kind,
        NULL AS binding,
        (SELECT group_concat('Group ' || j.value, ', ') FROM json_each(a.kubernetes_groups) j) AS subject,
        a.role_arn AS mapped_from,
        a.person,
        'directory group ' || a.directory_group || ', permission set ' || a.permission_set
            || CASE WHEN a.is_disabled THEN ' (account disabled)' ELSE '' END AS via,
        NULL AS role, NULL AS rule, NULL AS verbs, NULL AS api_groups, NULL AS resources,
        'unused' AS status,
        0 AS requests,
        (SELECT iso_time(max(res.last_seen)) FROM identity_resolutions res
            WHERE res.person = a.person COLLATE NOCASE AND res.iam_arn = a.role_arn COLLATE NOCASE) AS last_used,
        NULL AS unused_verbs, NULL AS unused_resources, NULL AS used_verbs, NULL AS used_resources,
        NULL AS never_matches, 1 AS binding_unused,
        NULL AS sort_binding_kind, NULL AS sort_binding_namespace, a.role_arn AS sort_binding_name,
        a.person AS sort_subject
    FROM (SELECT DISTINCT * FROM directory_access) a
    WHERE NOT EXISTS (
            SELECT 1 FROM signed_in s JOIN identity_resolutions res ON res.identity_id = s.identity_id
            WHERE res.person = a.person COLLATE NOCASE AND res.iam_arn = a.role_arn COLLATE NOCASE)
        AND (:subject IS NULL OR EXISTS (SELECT 1 FROM json_each(a.kubernetes_groups) j WHERE j.value = :subject))
),
all_rows AS (
    SELECT *, 0 AS kind_order FROM rbac_rows
    UNION ALL SELECT *, 1 FROM entry_rows
    UNION ALL SELECT *, 2 FROM person_rows
)
SELECT
    kind, binding, subject, mapped_from, person, via, role, rule, verbs, api_groups, resources, status, requests,
    last_used, unused_verbs, unused_resources, used_verbs, used_resources, never_matches, binding_unused
FROM all_rows
ORDER BY kind_order, binding_unused DESC, sort_binding_kind, sort_binding_namespace, sort_binding_name,
    sort_subject, rule;
