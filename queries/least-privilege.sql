-- name: least-privilege
-- title: Least-privilege roles per group
-- description: For each RBAC Group subject, the smallest Roles and ClusterRole, with bindings to the group, that allow exactly the requests its grants allowed: rules compacted, subresources explicit, no wildcards and no resourceNames. The manifest is ready for review and kubectl apply.
-- param: subject text  Only this group.

SELECT
    s.subject AS "group",
    (SELECT group_concat(DISTINCT e.arn) FROM mapping_entries e, json_each(e.groups) j WHERE j.value = s.subject)
        AS mapped_from,
    s.granted_rules,
    s.used_rules,
    s.suggested_rules,
    s.manifest
FROM rbac_suggestions s
WHERE :subject IS NULL OR s.subject = :subject
ORDER BY s.subject;
