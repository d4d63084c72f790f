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
        guard text.count == 36 else { return nil }
        var outputIndex = 0
        var index = 0
        while index < 36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard text[index] == UInt8(ascii: "-") else { return nil }
                index += 1
                continue
            }
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return nil }
            output[outputIndex] = high << 4 | low
            outputIndex += 1
            index += 2
        }
        return 16
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
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
