import Glibc

extension LogFollower {
    // MARK: - Followed files

    /// Records where a followed file is now, and marks it rotated once it left its first path.
    func updateLocation(of file: FollowedFile, _ found: DiscoveredFile?) {
        let newPath = found?.path
        if newPath != file.path && !file.isRotated {
            notices.append(.rotated(path: file.path, newPath: newPath, identity: file.identity))
        }
        if let found {
            file.path = found.path
        }
        if newPath == nil || newPath != file.firstPath || found?.rotatedName.scheme != .live {
            file.isRotated = true
        }
    }

    /// Reads what is new in `file`, then lets it go if it was deleted, finished or idle after rotation.
    func advance(_ file: FollowedFile, _ output: inout PollOutput) {
        switch file.content {
        case .plain(let descriptor):
            advancePlain(file, descriptor, &output)
        case .compressed(let stream):
            if readCompressed(file, stream, &output) {
                for diagnostic in stream.diagnostics {
                    notices.append(.gzipProblem(path: file.path, diagnostic: diagnostic))
                }
                release(file, reason: .endOfCompressedFile, &output)
            }
        }
    }

    private func advancePlain(_ file: FollowedFile, _ descriptor: InputFileDescriptor, _ output: inout PollOutput) {
        let status: FileStatus
        switch FileStatus.of(descriptor) {
        case .success(let current):
            status = current
        case .failure(let error):
            reportUnreadable(path: file.path, errno: error.code)
            release(file, reason: .unreadable, &output)
            return
        }

        if status.size < file.readOffset {
            startOver(file, descriptor)
        } else if let last = file.lastStatus, status.hasChanged(from: last) {
            checkHead(of: file, descriptor)
        }
        file.lastStatus = status
        if startsAsGzip(file, descriptor) {
            handOverAsCompressed(file)
            return
        }

        let hadBytes = readPlain(file, descriptor, &output)
        if output.isBudgetExhausted && hadBytes {
            return
        }
        if status.linkCount == 0 {
            release(file, reason: .deleted, &output)
        } else if file.isRotated && clock.now - file.lastActivity >= options.rotatedFileGracePeriod {
            release(file, reason: .idleAfterRotation, &output)
        }
    }

    /// Returns whether a plain file of which no line was delivered yet starts with the gzip magic bytes.
    ///
    /// A compressor creates its output file empty and writes it afterwards, so a poll woken by the creation
    /// sees an empty file and follows it as plain. The same happens when a file is rewritten in place.
    private func startsAsGzip(_ file: FollowedFile, _ descriptor: InputFileDescriptor) -> Bool {
        guard file.committedOffset == 0, file.readOffset < 2,
            case .success(let magic) = descriptor.readBytes(count: 2, at: 0)
        else {
            return false
        }
        return magic == [0x1f, 0x8b]
    }

    /// Stops following a file as plain without recording it as read, so the next poll finds it as a file not
    /// followed yet and decompresses it, or skips it as a copy of a file already read.
    private func handOverAsCompressed(_ file: FollowedFile) {
        followedKeys.remove(file.key)
        file.isReleased = true
        notices.append(.released(path: file.path, identity: file.identity, reason: .foundCompressed))
    }

    /// Compares the file's first bytes with its identity: a mismatch means the file was rewritten in place,
    /// and a longer head than the identity covers extends the identity.
    private func checkHead(of file: FollowedFile, _ descriptor: InputFileDescriptor) {
        guard case .success(let head) = descriptor.readBytes(count: FollowedFileIdentity.maximumHeadLength, at: 0)
        else {
            return
        }
        if !file.identity.matchesHead(head) {
            startOver(file, descriptor)
        } else if head.count > file.identity.headLength {
            file.identity = FollowedFileIdentity(key: file.key, head: head)
        }
    }

    /// Reads a truncated or rewritten file again from the start, keeping what was read of its earlier
    /// content in the history so a copy of it is read only past that point.
    private func startOver(_ file: FollowedFile, _ descriptor: InputFileDescriptor) {
        notices.append(
            .truncated(path: file.path, previousIdentity: file.identity, previousOffset: file.committedOffset))
        history.record(file.identity, offset: file.committedOffset)
        let head = (try? descriptor.readBytes(count: FollowedFileIdentity.maximumHeadLength, at: 0).get()) ?? []
        file.identity = FollowedFileIdentity(key: file.key, head: head)
        file.splitter.reset()
        file.readOffset = 0
        file.committedOffset = 0
        file.nextLineNumber = 1
        file.lastActivity = clock.now
    }

    /// Reads from `readOffset` to the end of the file or of the budget; returns whether any byte was read.
    private func readPlain(_ file: FollowedFile, _ descriptor: InputFileDescriptor, _ output: inout PollOutput) -> Bool
    {
        var hadBytes = false
        while !output.isBudgetExhausted {
            let wanted = Int(min(Int64(readBuffer.count), output.budget))
            let chunk = UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<wanted])
            switch descriptor.read(into: chunk, at: file.readOffset) {
            case .success(0):
                return hadBytes
            case .success(let count):
                hadBytes = true
                consume(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]), of: file, &output)
            case .failure(let error):
                reportUnreadable(path: file.path, errno: error.code)
                return hadBytes
            }
        }
        return hadBytes
    }

    /// Decompresses more of a gzip file; returns whether its end was reached.
    private func readCompressed(_ file: FollowedFile, _ stream: DecompressedStream, _ output: inout PollOutput) -> Bool
    {
        while !output.isBudgetExhausted {
            let wanted = Int(min(Int64(readBuffer.count), output.budget))
            let count = stream.read(into: UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<wanted]))
            if count == 0 {
                return true
            }
            consume(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]), of: file, &output)
        }
        return false
    }

    private func consume(_ bytes: UnsafeRawBufferPointer, of file: FollowedFile, _ output: inout PollOutput) {
        file.splitter.split(bytes, at: file.readOffset) { event in
            handle(event, of: file, &output)
        }
        file.readOffset += Int64(bytes.count)
        file.lastActivity = clock.now
        output.budget -= Int64(bytes.count)
    }

    private func handle(_ event: FollowLineSplitter.Event, of file: FollowedFile, _ output: inout PollOutput) {
        switch event {
        case .line(let bytes, let endOffset):
            output.lines.append(
                FollowedLine(
                    fileIdentity: file.identity, path: file.path, lineBytes: bytes, endOffset: endOffset,
                    startOffset: file.committedOffset, lineNumber: file.nextLineNumber))
            file.committedOffset = endOffset
            file.nextLineNumber = file.nextLineNumber.map { $0 + 1 }
        case .zeroBytesSkipped(let offset, let count):
            notices.append(.skippedZeroBytes(path: file.path, offset: offset, count: count))
            file.committedOffset = offset + count
        case .lineTooLong(let endOffset, let length):
            let line = TooLongLine(
                fileIdentity: file.identity, path: file.path, startOffset: file.committedOffset,
                endOffset: endOffset, lineNumber: file.nextLineNumber, length: length,
                maximum: options.maximumLineLength)
            notices.append(.lineTooLong(line))
            file.committedOffset = endOffset
            file.nextLineNumber = file.nextLineNumber.map { $0 + 1 }
        }
    }

    /// Delivers the unfinished last line of a file whose content is final, unless it is a gzip file cut
    /// short, and stops following it.
    func release(_ file: FollowedFile, reason: FollowNotice.ReleaseReason, _ output: inout PollOutput) {
        if !file.endsAtCut {
            file.splitter.finish(endOffset: file.readOffset) { event in
                handle(event, of: file, &output)
            }
        }
        history.record(file.identity, offset: file.committedOffset)
        released[file.key] = ReleasedFile(
            identity: file.identity, offset: file.committedOffset, status: file.lastStatus)
        followedKeys.remove(file.key)
        file.isReleased = true
        notices.append(.released(path: file.path, identity: file.identity, reason: reason))
    }
}
