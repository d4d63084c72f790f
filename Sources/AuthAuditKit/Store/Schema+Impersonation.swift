extension Schema {
    /// The requests an identity sent as another user, by impersonation. They count for the
    /// impersonated identity in `requests`, so an account that only impersonates showed none.
    /// Existing stores get the counts here, in one grouped pass over the requests.
    /// The sender's first and last seen times cover these requests too, as after an ingest.
    static let impersonation = """
        ALTER TABLE identity_resolutions ADD COLUMN impersonating INTEGER NOT NULL DEFAULT 0;
        UPDATE identity_resolutions SET
            impersonating = sent.count,
            first_seen = min(coalesce(identity_resolutions.first_seen, sent.first_seen),
                             coalesce(sent.first_seen, identity_resolutions.first_seen)),
            last_seen = max(coalesce(identity_resolutions.last_seen, sent.last_seen),
                            coalesce(sent.last_seen, identity_resolutions.last_seen))
        FROM (SELECT identity_id, count(*) AS count, min(received_at) AS first_seen, max(received_at) AS last_seen
              FROM requests
              WHERE impersonated_identity_id IS NOT NULL AND identity_id IS NOT NULL
              GROUP BY identity_id) AS sent
        WHERE sent.identity_id = identity_resolutions.identity_id;
        """
}
