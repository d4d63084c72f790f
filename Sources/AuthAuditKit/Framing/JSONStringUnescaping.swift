import Glibc

/// Unescaping of JSON string contents into bytes, in place.
///
/// The result equals the UTF-8 of `JSONStringDecoding.decode` for valid UTF-8 input: escapes follow RFC 8259,
/// a lone surrogate becomes U+FFFD, and any other escaped byte stands for itself. Invalid UTF-8 outside
/// escapes is kept as it is, as a plain log file's bytes are.
enum JSONStringUnescaping {
    /// Unescapes `buffer` in place and returns the length of the result, which is never longer: an escape
    /// takes at least as many bytes as the UTF-8 it stands for.
    static func unescapeInPlace(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let count = buffer.count
        // Bytes before the first backslash are already where they belong.
        guard let first = memchr(base, Int32(UInt8(ascii: "\\")), count) else { return count }
        var read = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(first))
        var write = read
        while read < count {
            // Runs without a backslash move eight bytes at a time. The store may overlap the word just
            // loaded, never bytes not yet read, because `write` never passes `read`.
            while read + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: read, as: UInt64.self)
                guard JSONStringSkipping.matchMask(UInt64(littleEndian: word), UInt8(ascii: "\\")) == 0 else { break }
                base.storeBytes(of: word, toByteOffset: write, as: UInt64.self)
                read += 8
                write += 8
            }
            guard read < count else { break }
            let byte = base.load(fromByteOffset: read, as: UInt8.self)
            guard byte == UInt8(ascii: "\\"), read + 1 < count else {
                base.storeBytes(of: byte, toByteOffset: write, as: UInt8.self)
                write += 1
                read += 1
                continue
            }
            let escape = base.load(fromByteOffset: read + 1, as: UInt8.self)
            read += 2
            if escape == UInt8(ascii: "u") {
                let scalar = readUnicodeEscape(UnsafeRawBufferPointer(buffer), at: &read)
                for unit in UTF8.encode(scalar)! {
                    base.storeBytes(of: unit, toByteOffset: write, as: UInt8.self)
                    write += 1
                }
                continue
            }
            base.storeBytes(of: JSONStringDecoding.byte(forEscape: escape), toByteOffset: write, as: UInt8.self)
            write += 1
        }
        return write
    }

    /// Reads the four hex digits after `\u` (and a low surrogate's escape after a high one) at `index`,
    /// moving `index` past what it used.
    private static func readUnicodeEscape(_ raw: UnsafeRawBufferPointer, at index: inout Int) -> Unicode.Scalar {
        guard let value = JSONStringDecoding.readHex4(raw, at: index) else { return "\u{FFFD}" }
        index += 4
        if (0xD800...0xDBFF).contains(value) {
            // A high surrogate must be followed by `\uDC00`-`\uDFFF` to form one scalar.
            guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                let low = JSONStringDecoding.readHex4(raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
            else { return "\u{FFFD}" }
            index += 6
            return Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

extension JSONStringUnescaping {
    /// Copies the contents of the JSON string that starts at `start` in `source` (just after its opening
    /// quote) to `destination`, unescaped, in one pass that also finds the closing quote.
    ///
    /// Returns the bytes written and the index of the closing quote, or nil when the string is not
    /// closed. `destination` must have room for `source.count - start` bytes, which is always enough.
    static func unescape(
        _ source: UnsafeRawBufferPointer, from start: Int, into destination: UnsafeMutableRawPointer
    ) -> (written: Int, closingQuote: Int)? {
        guard let base = source.baseAddress else { return nil }
        let count = source.count
        var read = start
        var write = 0
        while true {
            while read + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: read, as: UInt64.self)
                let littleEndian = UInt64(littleEndian: word)
                let special = JSONStringSkipping.matchMask(littleEndian, UInt8(ascii: "\""))
                    | JSONStringSkipping.matchMask(littleEndian, UInt8(ascii: "\\"))
                guard special == 0 else {
                    let plain = special.trailingZeroBitCount >> 3
                    destination.storeBytes(of: word, toByteOffset: write, as: UInt64.self)
                    read += plain
                    write += plain
                    break
                }
                destination.storeBytes(of: word, toByteOffset: write, as: UInt64.self)
                read += 8
                write += 8
            }
            guard read < count else { return nil }
            let byte = base.load(fromByteOffset: read, as: UInt8.self)
            if byte == UInt8(ascii: "\"") {
                return (write, read)
            }
            guard byte == UInt8(ascii: "\\") else {
                destination.storeBytes(of: byte, toByteOffset: write, as: UInt8.self)
                write += 1
                read += 1
                continue
            }
            guard read + 1 < count else { return nil }
            let escape = base.load(fromByteOffset: read + 1, as: UInt8.self)
            read += 2
            if escape == UInt8(ascii: "u") {
                // Only the string's own bytes are passed, so a `\u` cut by the closing quote stays
                // inside the string, as a separate scan of the string would see it. Ten bytes cover
                // four hex digits and a low surrogate's `\uXXXX`.
                let window = min(count, read + 10)
                let contentsEnd = closingQuoteIndex(in: source, from: read, limit: window) ?? window
                let scalar = readUnicodeEscape(UnsafeRawBufferPointer(rebasing: source[..<contentsEnd]), at: &read)
                for unit in UTF8.encode(scalar)! {
                    destination.storeBytes(of: unit, toByteOffset: write, as: UInt8.self)
                    write += 1
                }
                continue
            }
            destination.storeBytes(of: JSONStringDecoding.byte(forEscape: escape), toByteOffset: write, as: UInt8.self)
            write += 1
        }
    }

    private static func closingQuoteIndex(in source: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int? {
        var isEscaped = false
        var hasEscapes = false
        return JSONStringSkipping.closingQuote(
            in: source.baseAddress!, from: start, limit: limit, isEscaped: &isEscaped, hasEscapes: &hasEscapes)
    }
}
