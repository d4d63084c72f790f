-- name: unused-grants
-- title: Unused and dead RBAC grants
-- description: Every rule of every RBAC binding in the store with its subject, the aws-auth entries that put people in the subject's group, and what of it was used: rules no allowed request matched, verbs and resources inside used rules that no request needed, and rules that can never match anything.
-- param: subject text  Only this subject (a group, user or service account name).
-- headline: true

-- Usage counts every allowed request that each rule allows, not only the first grant the apiserver
-- named in its audit reason. Requests of system:masters members never reach RBAC, so grants they
-- alone could use show as unused.
SELECT
    g.binding_kind || ' ' || coalesce(g.binding_namespace || '/', '') || g.binding_name AS binding,
    coalesce(g.subject_kind || ' ' || g.subject_name, '(no subjects)') AS subject,
    (SELECT group_concat(DISTINCT e.arn) FROM mapping_entries e, json_each(e.groups) j
        WHERE g.subject_kind = 'Group' AND j.value = g.subject_name) AS mapped_from,
    g.role_kind || ' ' || g.role_name AS role,
    g.rule_index AS rule,
    g.verbs,
    g.api_groups,
    coalesce(nullif(g.resources, ''), g.non_resource_urls) AS resources,
    CASE
        WHEN g.dead_reason IS NOT NULL AND g.requests = 0 THEN 'dead'
        WHEN g.requests = 0 THEN 'unused'
        WHEN g.unused_verbs <> '' OR g.unused_resources <> '' THEN 'partly used'
        ELSE 'used'
    END AS status,
    g.requests,
    iso_time(g.last_used_at) AS last_used,
    nullif(g.unused_verbs, '') AS unused_verbs,
    nullif(g.unused_resources, '') AS unused_resources,
    g.dead_reason AS never_matches,
    (SELECT sum(g2.requests) FROM rbac_grants g2 WHERE g2.binding_kind = g.binding_kind
        AND g2.binding_namespace IS g.binding_namespace AND g2.binding_name = g.binding_name) = 0 AS binding_unused
FROM rbac_grants g
WHERE (:subject IS NULL OR g.subject_name = :subject)
    AND (g.dead_reason IS NOT NULL OR g.requests = 0 OR g.unused_verbs <> '' OR g.unused_resources <> '')
ORDER BY binding_unused DESC, g.binding_kind, g.binding_namespace, g.binding_name, g.subject_name, g.rule_index;
