extension Schema {
    /// The cluster of each aws-iam-authenticator line, as `requests.cluster_id` stores it for requests.
    ///
    /// It replaces the `cluster` TEXT column of 0004-clusters, which nothing ever wrote.
    static let authenticatorClusters = """
        ALTER TABLE authenticator_events DROP COLUMN cluster;
        ALTER TABLE authenticator_events ADD COLUMN cluster_id INTEGER REFERENCES clusters (id);
        """
}
