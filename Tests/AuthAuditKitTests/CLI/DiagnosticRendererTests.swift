import Glibc
import Testing

@testable import AuthAuditKit

@Suite struct DiagnosticRendererTests {
    @Test func permissionErrorSuggestsPermissions() {
        let message = DiagnosticRenderer.describe(.unreadable(errno: EACCES))
        #expect(message.hasSuffix("; check its permissions"))
    }

    @Test func otherErrorsHaveNoPermissionHint() {
        for code in [EISDIR, ELOOP, EIO] {
            let message = DiagnosticRenderer.describe(.unreadable(errno: code))
            #expect(!message.contains("permissions"), "errno \(code)")
        }
    }
}
