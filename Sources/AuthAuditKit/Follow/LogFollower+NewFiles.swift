import Glibc

extension LogFollower {
    // MARK: - Files not followed yet

    /// Decides where to start reading a file found under the followed paths that is not followed now,
    /// starts following it and reads it.
    func startFollowing(_ found: DiscoveredFile, _ output: inout PollOutput) {
        let key = found.status.key
        let isInitial = initialKeys?.remove(key) != nil
        // A gzip file that still ends inside a member after the grace period is taken as no longer written,
        // such as the output of a killed compressor. Its lines before the cut are read and the cut is reported.
        var readsIncomplete = false
        if let previous = incompleteCompressed[key], previous.status == found.status {
            guard clock.now - previous.since >= options.rotatedFileGracePeriod else {
                return
            }
            readsIncomplete = true
        }
        if let earlier = released[key], let status = earlier.status, !found.status.hasChanged(from: status) {
            return
        }

        let descriptor: InputFileDescriptor
        do {
            descriptor = try InputFileDescriptor(path: found.path)
        } catch {
            // A file deleted since the scan is simply gone; anything else is reported once.
            if error.errno != ENOENT {
                reportUnreadable(path: found.path, errno: error.errno)
            }
            return
        }
        guard case .success(let magic) = descriptor.readBytes(count: 2, at: 0) else {
            return
        }

        let file: FollowedFile?
        if magic == [0x1f, 0x8b] {
            file = makeCompressedFile(found, isInitial: isInitial, readsIncomplete: readsIncomplete)
        } else {
            file = makePlainFile(found, descriptor, isInitial: isInitial)
        }
        guard let file else {
            return
        }

        released[key] = nil
        files.append(file)
        followedKeys.insert(key)
        notices.append(.started(path: file.path, identity: file.identity, offset: file.readOffset))
        updateLocation(of: file, found)
        advance(file, &output)
        if file.isReleased {
            files.removeAll { $0 === file }
        }
    }

    /// Returns a plain file to follow from the right offset, or `nil` when it was released earlier and
    /// has not grown since.
    private func makePlainFile(
        _ found: DiscoveredFile, _ descriptor: InputFileDescriptor, isInitial: Bool
    ) -> FollowedFile? {
        let key = found.status.key
        guard case .success(let head) = descriptor.readBytes(count: FollowedFileIdentity.maximumHeadLength, at: 0),
            case .success(let status) = FileStatus.of(descriptor)
        else {
            return nil
        }
        let identity = FollowedFileIdentity(key: key, head: head)

        let offset: Int64
        if let earlier = released[key], earlier.identity.matchesHead(head) {
            guard status.size > earlier.offset else {
                return nil
            }
            offset = earlier.offset
        } else if let resumed = resumeOffset(key: key, head: head, length: status.size) {
            offset = resumed
        } else if let copied = copiedOffset(key: key, head: head) {
            offset = min(copied, status.size)
        } else if isInitial && options.startPosition == .end {
            offset = offsetAfterLastNewline(descriptor, size: status.size)
        } else {
            offset = 0
        }

        let file = FollowedFile(
            key: key, content: .plain(descriptor), path: found.path, identity: identity, offset: offset,
            maximumLineLength: options.maximumLineLength, now: clock.now)
        file.lastStatus = status
        return file
    }

    /// Returns a gzip file to read from the right offset, or `nil` when it is incomplete (unless
    /// `readsIncomplete`), was read before, or has nothing left to read.
    private func makeCompressedFile(_ found: DiscoveredFile, isInitial: Bool, readsIncomplete: Bool) -> FollowedFile? {
        let key = found.status.key
        let summary: CompressedContentSummary
        do {
            summary = try CompressedContentSummary(path: found.path)
        } catch {
            if error.errno != ENOENT {
                reportUnreadable(path: found.path, errno: error.errno)
            }
            return nil
        }
        if summary.isTruncated && !readsIncomplete {
            // A compressor may still be writing it. It is looked at again when its size or time changes.
            incompleteCompressed[key] = IncompleteCompressedFile(status: found.status, since: clock.now)
            return nil
        }
        incompleteCompressed[key] = nil
        // A file read up to a cut and completed since is read on from where that read stopped, at the
        // offset the read history below gives. Any other file released before is not read again.
        if let earlier = released[key], earlier.identity.matchesHead(summary.head), summary.length <= earlier.offset {
            return nil
        }
        let identity = FollowedFileIdentity(key: key, head: summary.head)

        // A checkpoint of this inode and the offset read from the original both count as read content, so the
        // further one wins. The inode's own checkpoint may come from an empty file followed as plain before
        // the compressor wrote it, and then covers none of the content.
        let resumed = resumeOffset(key: key, head: summary.head, length: summary.length)
        // Files of the same inode are compared too: a compressed file is never a copy of itself, and the
        // original may have been deleted and its inode reused for the compressed file.
        let copy = ReadHistory.bestMatch(for: summary.head, excluding: nil, in: readFiles())
        var offset = max(resumed ?? 0, copy?.offset ?? 0)
        if let copy, copy.offset >= summary.length {
            notices.append(.skippedCopy(path: found.path, identity: identity, original: copy.identity))
        }
        if resumed == nil && copy == nil && isInitial && options.startPosition == .end {
            offset = summary.length
        }
        guard offset < summary.length else {
            released[key] = ReleasedFile(identity: identity, offset: summary.length, status: found.status)
            return nil
        }

        let stream: DecompressedStream
        do {
            stream = try DecompressedStream(path: found.path)
        } catch {
            return nil
        }
        let file = FollowedFile(
            key: key, content: .compressed(stream), path: found.path, identity: identity, offset: 0,
            maximumLineLength: options.maximumLineLength, now: clock.now)
        file.nextLineNumber = skip(offset, of: stream) + 1
        file.lastStatus = found.status
        file.readOffset = offset
        file.committedOffset = offset
        file.endsAtCut = summary.isTruncated
        return file
    }

    /// Returns the offset of the best checkpoint for the file, 0 for a file rewritten since (same inode,
    /// other first bytes, or shorter than the checkpoint), or `nil` without a checkpoint for its inode.
    private func resumeOffset(key: FileKey, head: [UInt8], length: Int64) -> Int64? {
        guard let candidates = savedCheckpoints.removeValue(forKey: key) else {
            return nil
        }
        let matching = candidates.filter { $0.identity.matchesHead(head) }
        guard let best = matching.max(by: { $0.offset < $1.offset }), best.offset <= length else {
            return 0
        }
        return best.offset
    }

    /// Returns the offset read from an earlier file that `head` shows this file to be a copy of.
    private func copiedOffset(key: FileKey, head: [UInt8]) -> Int64? {
        ReadHistory.bestMatch(for: head, excluding: key, in: readFiles())?.offset
    }

    /// Lists every file read or being read, with its committed offset, and every restored checkpoint.
    private func readFiles() -> [(identity: FollowedFileIdentity, offset: Int64)] {
        var result = history.entries
        for file in files where !file.isReleased {
            result.append((file.identity, file.committedOffset))
        }
        for checkpoints in savedCheckpoints.values {
            result.append(contentsOf: checkpoints)
        }
        return result
    }

    /// Returns the offset just past the last `\n` before `size`, or 0 when there is none.
    private func offsetAfterLastNewline(_ descriptor: InputFileDescriptor, size: Int64) -> Int64 {
        var end = size
        while end > 0 {
            let start = max(0, end - Int64(readBuffer.count))
            let chunk = UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<Int(end - start)])
            guard case .success(let count) = descriptor.read(into: chunk, at: start), count == chunk.count else {
                return size
            }
            if let newline = chunk.lastIndex(of: 0x0A) {
                return start + Int64(newline) + 1
            }
            end = start
        }
        return 0
    }

    /// Reads and drops the first `count` decompressed bytes of `stream`, and returns the number of newlines
    /// among them, which numbers the lines read after them.
    private func skip(_ count: Int64, of stream: DecompressedStream) -> Int {
        var remaining = count
        var newlines = 0
        while remaining > 0 {
            let wanted = Int(min(Int64(readBuffer.count), remaining))
            let read = stream.read(into: UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<wanted]))
            if read == 0 {
                break
            }
            newlines += readBuffer[..<read].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            remaining -= Int64(read)
        }
        return newlines
    }
}
