import AuthAuditKit

AuthAuditMain.run()
