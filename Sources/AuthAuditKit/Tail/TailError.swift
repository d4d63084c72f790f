/// A failure that stops `authaudit tail`; `ErrorRenderer` words it.
enum TailError: Error, Equatable {
    /// A system call the command cannot run without failed with `errno`.
    case systemCall(name: String, errno: Int32)
}
