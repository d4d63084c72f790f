/// Named ASCII code units for the byte-level scanners, so a `switch` reads as characters.
enum ASCIIByte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let escape: UInt8 = 0x1B
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let plus: UInt8 = 0x2B  // +
    static let comma: UInt8 = 0x2C  // ,
    static let minus: UInt8 = 0x2D  // -
    static let period: UInt8 = 0x2E  // .
    static let slash: UInt8 = 0x2F  // /
    static let zero: UInt8 = 0x30  // 0
    static let one: UInt8 = 0x31  // 1
    static let nine: UInt8 = 0x39  // 9
    static let colon: UInt8 = 0x3A  // :
    static let equals: UInt8 = 0x3D  // =
    static let openBracket: UInt8 = 0x5B  // [
    static let backslash: UInt8 = 0x5C  // \
    static let closeBracket: UInt8 = 0x5D  // ]
    static let openBrace: UInt8 = 0x7B  // {
    static let closeBrace: UInt8 = 0x7D  // }
    static let upperA: UInt8 = 0x41  // A
    static let upperE: UInt8 = 0x45  // E
    static let upperF: UInt8 = 0x46  // F
    static let upperT: UInt8 = 0x54  // T
    static let upperZ: UInt8 = 0x5A  // Z
    static let lowerA: UInt8 = 0x61  // a
    static let lowerB: UInt8 = 0x62  // b
    static let lowerE: UInt8 = 0x65  // e
    static let lowerF: UInt8 = 0x66  // f
    static let lowerN: UInt8 = 0x6E  // n
    static let lowerR: UInt8 = 0x72  // r
    static let lowerT: UInt8 = 0x74  // t
    static let lowerU: UInt8 = 0x75  // u
    static let lowerZ: UInt8 = 0x7A  // z

    /// The byte order mark U+FEFF in UTF-8.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- lowerA < 6
    }

    /// The value of an ASCII hexadecimal digit, or nil.
    static func hexValue(_ byte: UInt8) -> UInt32? {
        if isDigit(byte) { return UInt32(byte - zero) }
        let lowered = byte | 0x20
        if lowered &- lowerA < 6 { return UInt32(lowered - lowerA + 10) }
        return nil
    }
}
