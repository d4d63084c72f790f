/// Entry point of the `authaudit` executable.
public enum AuthAuditMain {
    public static func run() {
        print("authaudit")
    }
}
