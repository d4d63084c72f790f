import Testing

@testable import AuthAuditKit

/// `store_state.derived_current` is 1 only while the totals computed after a run still match
/// the stored requests.
@Suite struct StoreStateTests {
    private func derivedCurrent(_ store: AuditStore) throws -> Int64? {
        try store.connection.scalarInteger("SELECT value FROM store_state WHERE name = 'derived_current'")
    }

    @Test func newStoreIsCurrent() throws {
        let store = try AuditStore(path: ":memory:")
        #expect(try derivedCurrent(store) == 1)
    }

    @Test func writeBatchMarksStale() throws {
        let store = try AuditStore(path: ":memory:")
        try store.beginBatch()
        try store.commitBatch()
        #expect(try derivedCurrent(store) == 0)
    }

    @Test func rolledBackBatchKeepsCurrent() throws {
        let store = try AuditStore(path: ":memory:")
        try store.beginBatch()
        store.rollbackBatch()
        #expect(try derivedCurrent(store) == 1)
    }

    @Test func analysisMarksCurrent() throws {
        let store = try AuditStore(path: ":memory:")
        try store.beginBatch()
        try store.commitBatch()
        try store.markDerivedDataCurrent()
        #expect(try derivedCurrent(store) == 1)
    }

    @Test func ingestEndsCurrent() throws {
        let directory = try TemporaryDirectory()
        let store = try AuditStore(path: directory.path("store.db"))
        _ = try Ingester(store: store, options: IngestOptions(), observer: nil)
            .run(arguments: [Fixtures.path("corpus/audit2rbac/demo-v1-relabelled.log")])
        #expect(try derivedCurrent(store) == 1)
    }
}
