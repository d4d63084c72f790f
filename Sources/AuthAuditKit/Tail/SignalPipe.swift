import Glibc

/// The write end of the pipe that the signal handler writes to; -1 while no `SignalPipe` is installed.
/// Written only while no handler is installed, and read by the handler.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns SIGINT, SIGTERM and SIGHUP into bytes on a pipe (the self-pipe trick), so the main loop waits for
/// them in `poll(2)` next to its other descriptors and handles them outside the handler.
///
/// The handler only calls `write(2)`, which is async-signal-safe, and keeps `errno`. A signal that arrives
/// while the pipe is full is dropped, which loses nothing: one unread byte of its kind is already waiting.
final class SignalPipe {
    let readEnd: Int32
    private let writeEnd: Int32
    private let signals: [Int32]

    init(signals: [Int32]) throws(TailError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw .systemCall(name: "pipe", errno: errno)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        self.signals = signals
        signalPipeWriteEnd = writeEnd
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
                errno = saved
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        // A parent may start this process with the signals blocked (the mask is inherited across exec),
        // and a blocked signal would never reach the handler.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals {
            sigaddset(&unblocked, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    deinit {
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(signal, &action, nil)
        }
        signalPipeWriteEnd = -1
        close(readEnd)
        close(writeEnd)
    }

    /// Returns the signals received since the last call, in arrival order, without waiting.
    func takeSignals() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { return received }
            received += buffer[..<count].map { Int32($0) }
        }
    }
}
