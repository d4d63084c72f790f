extension Schema {
    /// The requests an identity sent as another user, by impersonation. They count for the
    /// impersonated identity in `requests`, so an account that only impersonates showed none.
    /// Existing stores get the counts here, in one grouped pass over the requests.
    static let impersonation = """
        ALTER TABLE identity_resolutions ADD COLUMN impersonating INTEGER NOT NULL DEFAULT 0;
        UPDATE identity_resolutions SET impersonating = sent.count
        FROM (SELECT identity_id, count(*) AS count FROM requests
              WHERE impersonated_identity_id IS NOT NULL AND identity_id IS NOT NULL
              GROUP BY identity_id) AS sent
        WHERE sent.identity_id = identity_resolutions.identity_id;
        """
}
