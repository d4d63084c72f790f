/// Rendered lines as UTF-8 bytes, written to the output in pieces of about 64 KiB.
///
/// Renderers of large tables append each line's bytes here: one `String` per line or per cell
/// written to the output took most of the time of printing 90,000 rows.
struct TextOutputBuffer {
    static let pieceSize = 64 * 1024
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes the bytes collected so far once they reach `pieceSize`.
    mutating func flushIfFull(to output: inout some TextOutputStream) {
        if bytes.count >= Self.pieceSize { flush(to: &output) }
    }

    mutating func flush(to output: inout some TextOutputStream) {
        guard !bytes.isEmpty else { return }
        output.write(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
