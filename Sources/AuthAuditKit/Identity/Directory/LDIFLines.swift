/// One LDIF line after unfolding: the physical lines it was joined from, without their line ends.
struct LDIFLine {
    /// The 1-based number of the first physical line.
    var number: Int
    var bytes: [UInt8]

    var isBlank: Bool { bytes.isEmpty }
}

/// Splitting of LDIF text into unfolded lines (RFC 2849 section 2, "Notes on LDIF Syntax").
enum LDIFLines {
    /// The unfolded lines, blank lines included and comment lines left out.
    ///
    /// A line that starts with one space continues the line before it, without that space;
    /// a tab is accepted in place of the space. A comment (`#` in the first column) can be folded
    /// too, so its continuations are left out with it. LF and CRLF line ends are both accepted.
    /// A continuation with no line before it (at the start or after a blank line) is reported in
    /// `strayContinuations` and dropped.
    static func unfold(_ bytes: [UInt8]) -> (lines: [LDIFLine], strayContinuations: [Int]) {
        var lines: [LDIFLine] = []
        var strays: [Int] = []
        var current: LDIFLine?
        var inComment = false
        var number = 0
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            start += 3
        }
        while start < bytes.endIndex {
            number += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var end = newline
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") {
                end -= 1
            }
            let physical = bytes[start..<end]
            start = newline + 1

            if let first = physical.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                if inComment { continue }
                if current == nil {
                    strays.append(number)
                } else {
                    current?.bytes.append(contentsOf: physical.dropFirst())
                }
                continue
            }
            if let finished = current {
                lines.append(finished)
                current = nil
            }
            inComment = physical.first == UInt8(ascii: "#")
            if inComment { continue }
            if physical.isEmpty {
                lines.append(LDIFLine(number: number, bytes: []))
            } else {
                current = LDIFLine(number: number, bytes: Array(physical))
            }
        }
        if let finished = current {
            lines.append(finished)
        }
        return (lines, strays)
    }
}
