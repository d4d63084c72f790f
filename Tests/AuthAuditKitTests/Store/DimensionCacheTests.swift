import Testing

@testable import AuthAuditKit

@Suite struct DimensionCacheTests {
    private func id(_ cache: DimensionCache, _ key: String, hash: UInt64? = nil) -> Int64? {
        Array(key.utf8).withUnsafeBytes { cache.id(for: $0, hash: hash ?? DimensionCache.hash($0)) }
    }

    private func insert(_ cache: inout DimensionCache, _ key: String, _ id: Int64, hash: UInt64? = nil) {
        Array(key.utf8).withUnsafeBytes { cache.insert($0, hash: hash ?? DimensionCache.hash($0), id: id) }
    }

    @Test func findsEveryKeyAfterGrowing() {
        var cache = DimensionCache()
        for index in 0..<5_000 {
            insert(&cache, "system:serviceaccount:team-\(index):default", Int64(index))
        }
        insert(&cache, "", -1)
        for index in 0..<5_000 {
            #expect(id(cache, "system:serviceaccount:team-\(index):default") == Int64(index))
        }
        #expect(id(cache, "") == -1)
        #expect(id(cache, "system:serviceaccount:team-5000:default") == nil)
    }

    /// Keys are compared byte for byte, so two keys with the same hash keep their own ids.
    @Test func equalHashesKeepTheirOwnIds() {
        var cache = DimensionCache()
        insert(&cache, "get", 1, hash: 7)
        insert(&cache, "list", 2, hash: 7)
        #expect(id(cache, "get", hash: 7) == 1)
        #expect(id(cache, "list", hash: 7) == 2)
        #expect(id(cache, "watch", hash: 7) == nil)
    }

    @Test func hashDependsOnEveryByteAndLength() {
        func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { DimensionCache.hash($0) } }
        let base = "kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b"
        var seen: Set<UInt64> = [hash(base)]
        for position in base.indices {
            var changed = base
            changed.replaceSubrange(position...position, with: "#")
            seen.insert(hash(changed))
        }
        seen.insert(hash(base + "\u{0}"))
        seen.insert(hash(""))
        #expect(seen.count == base.count + 3)
        #expect(!seen.contains(0))
    }

    @Test func removeAllForgetsKeys() {
        var cache = DimensionCache()
        insert(&cache, "pods", 3)
        cache.removeAll()
        #expect(id(cache, "pods") == nil)
        insert(&cache, "pods", 4)
        #expect(id(cache, "pods") == 4)
    }
}
