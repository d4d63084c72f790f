extension LogFollower {
    /// Returns the current path of a followed file, or nil when the file is not followed now.
    func path(of key: FileKey) -> String? {
        files.first { $0.key == key }?.path
    }
}
