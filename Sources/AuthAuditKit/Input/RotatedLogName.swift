/// A file name read as a member of a set of rotated logs, ordered oldest first within its set.
///
/// Recognised names, with `audit.log` as the live file (`.gz` may follow each backup name):
/// - lumberjack backups, as written by kube-apiserver's `--audit-log-maxsize` rotation
///   (gopkg.in/natefinch/lumberjack.v2, `backupName`): `audit-2024-05-01T09-16-57.416.log`. The timestamp
///   is the rotation time in UTC, so it orders the backups by age.
/// - logrotate with `dateext`: `audit.log-20240501`, or `audit.log-2024050113` with an hour in `dateformat`.
/// - logrotate numbered backups: `audit.log.1`, `audit.log.2.gz`, where a higher number is older.
/// Any other name is a live file; a final `.gz` is ignored for grouping, so `audit.log.gz` joins `audit.log`.
struct RotatedLogName {
    enum Scheme: Int, Comparable {
        case lumberjackBackup
        case datedBackup
        case numberedBackup
        case live

        static func < (lhs: Scheme, rhs: Scheme) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let fileName: String
    /// The name of the live file of the set, which need not exist.
    let liveName: String
    let scheme: Scheme
    /// The lumberjack timestamp or the logrotate date; empty for other schemes.
    let rotationTime: String
    /// The logrotate backup number; 0 for other schemes.
    let backupNumber: Int
    let isCompressed: Bool

    init(fileName: String) {
        self.fileName = fileName
        let bytes = Array(fileName.utf8)
        isCompressed = bytes.count > 3 && bytes.suffix(3) == Array(".gz".utf8)
        let base = isCompressed ? Array(bytes.dropLast(3)) : bytes

        if let (liveName, time) = Self.parseLumberjackBackup(base) {
            (self.liveName, scheme, rotationTime, backupNumber) = (liveName, .lumberjackBackup, time, 0)
        } else if let (liveName, date) = Self.parseDatedBackup(base) {
            (self.liveName, scheme, rotationTime, backupNumber) = (liveName, .datedBackup, date, 0)
        } else if let (liveName, number) = Self.parseNumberedBackup(base) {
            (self.liveName, scheme, rotationTime, backupNumber) = (liveName, .numberedBackup, "", number)
        } else {
            (liveName, scheme, rotationTime, backupNumber) = (String(decoding: base, as: UTF8.self), .live, "", 0)
        }
    }

    /// Returns whether this file comes before `other` in reading order: by set, then oldest first, then the
    /// uncompressed copy first, then by name.
    func precedes(_ other: RotatedLogName) -> Bool {
        if liveName != other.liveName {
            return Array(liveName.utf8).lexicographicallyPrecedes(Array(other.liveName.utf8))
        }
        if scheme != other.scheme {
            return scheme < other.scheme
        }
        if rotationTime != other.rotationTime {
            return rotationTime < other.rotationTime
        }
        if backupNumber != other.backupNumber {
            return backupNumber > other.backupNumber
        }
        if isCompressed != other.isCompressed {
            return !isCompressed
        }
        return Array(fileName.utf8).lexicographicallyPrecedes(Array(other.fileName.utf8))
    }

    /// Returns whether this name is the gzip-compressed form of the same backup as `other` (`x.log.1.gz` next to
    /// `x.log.1`). Only backups count: lumberjack and logrotate compress a backup into a new file and
    /// remove the original afterwards, so while both exist the uncompressed one is complete.
    func isCompressedCopy(of other: RotatedLogName) -> Bool {
        scheme != .live && isCompressed && !other.isCompressed && scheme == other.scheme
            && liveName == other.liveName && rotationTime == other.rotationTime && backupNumber == other.backupNumber
    }

    // MARK: - Parsing

    /// Parses `<prefix>-<yyyy-MM-ddTHH-mm-ss.SSS><ext>`, the live name being `<prefix><ext>`, where `ext` is
    /// empty or a single extension as Go's `filepath.Ext` returns it.
    private static func parseLumberjackBackup(_ base: [UInt8]) -> (liveName: String, time: String)? {
        let pattern = Array("dddd-dd-ddTdd-dd-dd.ddd".utf8)
        var dash = base.count - pattern.count - 1
        while dash >= 1 {
            defer { dash -= 1 }
            guard base[dash] == UInt8(ascii: "-") else {
                continue
            }
            let time = base[(dash + 1)..<(dash + 1 + pattern.count)]
            let ext = base[(dash + 1 + pattern.count)...]
            let matches = zip(time, pattern).allSatisfy { byte, expected in
                expected == UInt8(ascii: "d") ? isDigit(byte) : byte == expected
            }
            let isExtension =
                ext.isEmpty || (ext.first == UInt8(ascii: ".") && !ext.dropFirst().contains(UInt8(ascii: ".")))
            if matches && isExtension {
                let liveName = String(decoding: base[..<dash] + ext, as: UTF8.self)
                return (liveName, String(decoding: time, as: UTF8.self))
            }
        }
        return nil
    }

    /// Parses `<live>-<yyyyMMdd>` or `<live>-<yyyyMMddHH>` (logrotate `dateext`).
    private static func parseDatedBackup(_ base: [UInt8]) -> (liveName: String, date: String)? {
        guard let dash = base.lastIndex(of: UInt8(ascii: "-")), dash > 0 else {
            return nil
        }
        let date = base[(dash + 1)...]
        guard date.count == 8 || date.count == 10, date.allSatisfy(isDigit) else {
            return nil
        }
        return (String(decoding: base[..<dash], as: UTF8.self), String(decoding: date, as: UTF8.self))
    }

    /// Parses `<live>.<n>` (logrotate without `dateext`).
    private static func parseNumberedBackup(_ base: [UInt8]) -> (liveName: String, number: Int)? {
        guard let dot = base.lastIndex(of: UInt8(ascii: ".")), dot > 0 else {
            return nil
        }
        let digits = base[(dot + 1)...]
        guard (1...9).contains(digits.count), digits.allSatisfy(isDigit),
            let number = Int(String(decoding: digits, as: UTF8.self))
        else {
            return nil
        }
        return (String(decoding: base[..<dot], as: UTF8.self), number)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
