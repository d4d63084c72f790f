/// The identity of one followed file: its device and inode, plus a hash of its first content bytes, which
/// distinguishes a file rewritten in place (same inode, new content) from one that was only appended to.
///
/// For a gzip file the head is taken from the decompressed content, so a rotated log and its compressed
/// copy have equal `headLength` and `headHash` and differ only in `inode`.
///
/// While a file is shorter than `maximumHeadLength` bytes its identity covers the whole file and grows with
/// it: lines read later carry an identity with a longer `headLength`. `LogFollower.restore(checkpoints:)`
/// accepts any of these identities, because each is a prefix of the next.
public struct FollowedFileIdentity: Hashable, Sendable {
    /// The number of leading content bytes hashed once the file is long enough.
    public static let maximumHeadLength = 1024

    /// `st_dev` of the file.
    public var device: UInt64
    /// `st_ino` of the file.
    public var inode: UInt64
    /// The number of leading content bytes in `headHash`, from 0 to `maximumHeadLength`.
    public var headLength: Int
    /// 64-bit FNV-1a hash of the first `headLength` content bytes.
    public var headHash: UInt64

    public init(device: UInt64, inode: UInt64, headLength: Int, headHash: UInt64) {
        self.device = device
        self.inode = inode
        self.headLength = headLength
        self.headHash = headHash
    }

    init(key: FileKey, head: [UInt8]) {
        let headBytes = head.prefix(Self.maximumHeadLength)
        self.init(
            device: key.device, inode: key.inode, headLength: headBytes.count, headHash: Self.hash(headBytes))
    }

    var key: FileKey {
        FileKey(device: device, inode: inode)
    }

    /// Returns whether `head`, the first bytes of a file's content as read now, starts with the bytes this
    /// identity hashed. The device and inode are not compared.
    func matchesHead(_ head: [UInt8]) -> Bool {
        head.count >= headLength && Self.hash(head.prefix(headLength)) == headHash
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { FileFingerprint.fnv1a($0) }
    }
}

/// The device and inode of a file: what stays the same across a rename.
struct FileKey: Hashable {
    var device: UInt64
    var inode: UInt64
}
