/// Close matches for a mistyped name, for "did you mean" hints.
public enum Suggestions {
    /// Candidates within an edit distance of a third of the name's length (at least 2), or that start
    /// with the name, nearest first, at most three.
    public static func closest(to name: String, among candidates: [String]) -> [String] {
        let maximumDistance = max(2, name.count / 3)
        let scored = candidates.compactMap { candidate -> (distance: Int, name: String)? in
            let distance = editDistance(name, candidate)
            if distance <= maximumDistance || (!name.isEmpty && candidate.hasPrefix(name)) {
                return (distance, candidate)
            }
            return nil
        }
        let sorted = scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return sorted.prefix(3).map(\.name)
    }

    /// Computes the Levenshtein distance between two strings, counted in characters.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
