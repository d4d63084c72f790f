/// The stored form of an `auditID`: 16 bytes when it is a UUID in its usual text form, else its bytes.
///
/// The apiserver generates UUIDs, so the compact form halves the size of the largest unique index.
enum AuditIDEncoding {
    /// Writes the stored form into `output` (at least 36 bytes) and returns its length.
    static func encode(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        if text.count == 36, let length = encodeUUID(text, into: output) {
            return length
        }
        let count = min(text.count, output.count)
        output.copyMemory(from: UnsafeRawBufferPointer(rebasing: text[0..<count]))
        return count
    }

    /// Writes the 16 bytes of a UUID in its usual text form into `output` (at least 16 bytes) and
    /// returns 16, or returns nil when `text` is not such a UUID.
    static func encodeUUID(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard text.count == 36, text[8] == ASCIIByte.minus, text[13] == ASCIIByte.minus,
            text[18] == ASCIIByte.minus, text[23] == ASCIIByte.minus
        else { return nil }
        // Every audit line has an ID, so the groups between the dashes are named by their offsets
        // instead of testing for a dash at every step.
        var invalid: UInt8 = 0
        var outputIndex = 0
        func decodeGroup(at start: Int, pairs: Int) {
            for pair in 0..<pairs {
                let high = hexValue(text[start + 2 * pair])
                let low = hexValue(text[start + 2 * pair + 1])
                invalid |= (high | low) & 0xF0
                output[outputIndex] = high << 4 | (low & 0x0F)
                outputIndex += 1
            }
        }
        decodeGroup(at: 0, pairs: 4)
        decodeGroup(at: 9, pairs: 2)
        decodeGroup(at: 14, pairs: 2)
        decodeGroup(at: 19, pairs: 2)
        decodeGroup(at: 24, pairs: 6)
        return invalid == 0 ? 16 : nil
    }

    /// Returns the value of a hex digit, or a value above 15 for any other byte.
    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8 {
        let digit = byte &- ASCIIByte.zero
        if digit < 10 { return digit }
        let letter = (byte | 0x20) &- ASCIIByte.lowerA
        return letter < 6 ? letter &+ 10 : 0xFF
    }

    /// The text form of a stored audit id (lower-case UUID for 16 bytes).
    static func decode(_ stored: [UInt8]) -> String {
        guard stored.count == 16 else { return String(decoding: stored, as: UTF8.self) }
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { text in
            digits.withUTF8Buffer { digits in
                var position = 0
                for (index, byte) in stored.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = digits[Int(byte >> 4)]
                    text[position + 1] = digits[Int(byte & 0xF)]
                    position += 2
                }
            }
            return 36
        }
    }
}
