-- name: least-privilege
-- title: Least-privilege roles per group, or for one person
-- description: For each RBAC Group subject, the smallest Roles and ClusterRole, with bindings to the group, that allow exactly the requests its grants allowed: rules compacted, subresources explicit, no wildcards and no resourceNames. The manifest is ready for review and kubectl apply. With --user, one row for that person, built from the person's requests only. Its bindings name the person's Kubernetes groups, never a per-session username, so it is a review aid for what that person needs rather than a manifest to apply as is. Suggestions cover every stored request, not a window.
-- param: subject text  Only this group.
-- param: user text  A person (directory user name, e-mail or session name) or a Kubernetes username: the suggestion from that person's requests only, bound to the person's non-system Kubernetes groups.
-- changes: key=group,person added=new-suggestion removed=gone changed=changed

-- A Kubernetes username that resolved to a person selects that person's suggestion; a username
-- without a person has its own.
SELECT
    s.subject AS "group",
    NULL AS person,
    (SELECT group_concat(DISTINCT e.arn) FROM mapping_entries e, json_each(e.groups) j WHERE j.value = s.subject)
        AS mapped_from,
    s.granted_rules,
    s.used_rules,
    s.suggested_rules,
    s.manifest
FROM rbac_suggestions s
WHERE :user IS NULL AND (:subject IS NULL OR s.subject = :subject)
UNION ALL
SELECT
    (SELECT group_concat(j.value, ', ') FROM json_each(p.groups) j) AS "group",
    p.person,
    (SELECT group_concat(DISTINCT e.arn) FROM mapping_entries e, json_each(e.groups) j, json_each(p.groups) k
        WHERE j.value = k.value) AS mapped_from,
    p.granted_rules,
    p.used_rules,
    p.suggested_rules,
    p.manifest
FROM rbac_person_suggestions p
WHERE :user IS NOT NULL
    AND (:subject IS NULL OR EXISTS (SELECT 1 FROM json_each(p.groups) j WHERE j.value = :subject))
    AND (p.person = :user COLLATE NOCASE
        OR p.person IN (
            SELECT coalesce(res.person, u.name) FROM identities i
            JOIN usernames u ON u.id = i.username_id
            LEFT JOIN identity_resolutions res ON res.identity_id = i.id
            WHERE u.name = :user
                OR EXISTS (SELECT 1 FROM identity_links l WHERE l.identity_id = i.id
                    AND l.kind = 'person' AND l.value = :user COLLATE NOCASE)))
ORDER BY 1, 2;
