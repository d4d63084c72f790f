import Glibc

/// A failure that stops `authaudit tail`.
///
/// NOTE: `ErrorRenderer` has no case for this type yet and prints `description`.
enum TailError: Error, Equatable, CustomStringConvertible {
    /// A system call the command cannot run without failed with `errno`.
    case systemCall(name: String, errno: Int32)

    var description: String {
        switch self {
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code)))"
        }
    }
}
