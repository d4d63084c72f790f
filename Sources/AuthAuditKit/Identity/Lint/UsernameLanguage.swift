/// The usernames one entry's template can render, as a sequence of runs of characters, and a search for a username
/// that two such sets share.
///
/// Each placeholder becomes a run of the characters and lengths it can expand to, with the limits that
/// `UsernameTemplate.match` uses. `{{AccountID}}` is the entry's own account when the entry names one.
///
/// NOTE: a placeholder used twice in one template, or `{{SessionName}}` next to `{{SessionNameRaw}}`, is treated as
/// independent values, and `{{EC2PrivateDNSName}}` ignores the DNS label rules. The set is therefore a little larger
/// than the real one, so two templates can be reported as overlapping when only such a username would be shared.
struct UsernameLanguage {
    struct Run {
        var characters: CharacterClass
        var minimum: Int
        var maximum: Int
        /// The one character of a run of literal template text.
        var literal: Unicode.Scalar? = nil
    }

    let runs: [Run]
    /// The literal text before the first placeholder and after the last one, which two sets must agree on.
    private let leadingLiteral: [Unicode.Scalar]
    private let trailingLiteral: [Unicode.Scalar]
    /// The state of the first character of each run, then the accepting state. A state is a run and how many of its
    /// characters were read.
    private let offsets: [Int]
    private let runOfState: [Int]

    /// Builds the set for an entry, or returns nil when the template can render nothing: `{{EC2PrivateDNSName}}`
    /// needs a session name that is an instance id, which an IAM user never has.
    init?(template: UsernameTemplate, accountID: String?, matchesSessions: Bool) {
        var runs: [Run] = []
        func appendLiteral(_ text: String) {
            for scalar in text.unicodeScalars {
                runs.append(Run(characters: CharacterClass(scalar), minimum: 1, maximum: 1, literal: scalar))
            }
        }
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                appendLiteral(text)
            case .placeholder(.accountID):
                if let accountID, accountID.utf8.count == 12, accountID.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    appendLiteral(accountID)
                } else {
                    runs.append(Run(characters: .digits, minimum: 12, maximum: 12))
                }
            case .placeholder(.accessKeyID):
                appendLiteral("A")
                runs.append(Run(characters: CharacterClass(ascii: "KS"), minimum: 1, maximum: 1))
                appendLiteral("IA")
                runs.append(Run(characters: .upperCaseAndDigits, minimum: 16, maximum: 16))
            case .placeholder(.sessionName):
                // An IAM user has no session, and the placeholder renders as empty text.
                if matchesSessions { runs.append(Run(characters: .sessionName, minimum: 2, maximum: 64)) }
            case .placeholder(.sessionNameRaw):
                if matchesSessions { runs.append(Run(characters: .rawSessionName, minimum: 2, maximum: 64)) }
            case .placeholder(.ec2PrivateDNSName):
                guard matchesSessions else { return nil }
                runs.append(Run(characters: .dnsName, minimum: 1, maximum: 253))
            }
        }
        self.runs = runs
        leadingLiteral = runs.prefix { $0.literal != nil }.compactMap(\.literal)
        trailingLiteral = runs.reversed().prefix { $0.literal != nil }.compactMap(\.literal)

        var offsets: [Int] = []
        var runOfState: [Int] = []
        for (index, run) in runs.enumerated() {
            offsets.append(runOfState.count)
            runOfState.append(contentsOf: repeatElement(index, count: run.maximum + 1))
        }
        offsets.append(runOfState.count)
        runOfState.append(runs.count)
        self.offsets = offsets
        self.runOfState = runOfState
    }

    var stateCount: Int { runOfState.count }
    private var acceptingState: Int { offsets[runs.count] }

    /// Returns the character class to read in `state` and the state after it, unless the run is full.
    private func step(from state: Int) -> (CharacterClass, Int)? {
        let run = runOfState[state]
        guard run < runs.count, state - offsets[run] < runs[run].maximum else { return nil }
        return (runs[run].characters, state + 1)
    }

    /// Returns the first state of the next run, when the current run has read enough characters.
    private func skip(from state: Int) -> Int? {
        let run = runOfState[state]
        guard run < runs.count, state - offsets[run] >= runs[run].minimum else { return nil }
        return offsets[run + 1]
    }

    /// Finds a username both sets contain, by a breadth-first search of the product of the two automata.
    static func commonUsername(_ first: UsernameLanguage, _ second: UsernameLanguage) -> String? {
        // Most pairs differ in their literal prefix or suffix, which rules them out without a search.
        guard agree(first.leadingLiteral, second.leadingLiteral),
            agree(first.trailingLiteral, second.trailingLiteral)
        else { return nil }

        let width = second.stateCount
        let target = first.acceptingState * width + second.acceptingState
        // For each visited pair: the pair it was reached from and the character read on the way, if any.
        var reachedFrom: [Int: (pair: Int, scalar: Unicode.Scalar?)] = [0: (0, nil)]
        var queue = [0]
        var head = 0

        func visit(_ pair: Int, from origin: Int, reading scalar: Unicode.Scalar?) {
            guard reachedFrom[pair] == nil else { return }
            reachedFrom[pair] = (origin, scalar)
            queue.append(pair)
        }

        while head < queue.count {
            let pair = queue[head]
            head += 1
            if pair == target { return username(endingAt: pair, reachedFrom: reachedFrom) }

            let (firstState, secondState) = (pair / width, pair % width)
            if let next = first.skip(from: firstState) { visit(next * width + secondState, from: pair, reading: nil) }
            if let next = second.skip(from: secondState) { visit(firstState * width + next, from: pair, reading: nil) }
            if let (firstClass, firstNext) = first.step(from: firstState),
                let (secondClass, secondNext) = second.step(from: secondState),
                let scalar = firstClass.firstCommonScalar(with: secondClass)
            {
                visit(firstNext * width + secondNext, from: pair, reading: scalar)
            }
        }
        return nil
    }

    /// Tests whether two literal texts, both at the start (or both at the end) of a username, can be part of one.
    private static func agree(_ first: [Unicode.Scalar], _ second: [Unicode.Scalar]) -> Bool {
        zip(first, second).allSatisfy { $0 == $1 }
    }

    private static func username(
        endingAt end: Int, reachedFrom: [Int: (pair: Int, scalar: Unicode.Scalar?)]
    ) -> String {
        var scalars: [Unicode.Scalar] = []
        var pair = end
        while pair != 0, let step = reachedFrom[pair] {
            if let scalar = step.scalar { scalars.append(scalar) }
            pair = step.pair
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}

/// A set of characters: any subset of ASCII, or one other Unicode scalar from literal template text.
struct CharacterClass: Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var other: Unicode.Scalar?

    init(_ scalar: Unicode.Scalar) {
        if scalar.isASCII { insert(scalar) } else { other = scalar }
    }

    init(ascii: String) {
        for scalar in ascii.unicodeScalars { insert(scalar) }
    }

    private mutating func insert(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
    }

    private func containsASCII(_ value: UInt32) -> Bool {
        value < 64 ? low & (1 << UInt64(value)) != 0 : high & (1 << UInt64(value - 64)) != 0
    }

    /// The characters tried first when a common character is picked, so that examples read like names.
    private static let preferred = Array(
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)

    /// Picks a character in both classes, preferring letters and digits, or returns nil when they share none.
    func firstCommonScalar(with other: CharacterClass) -> Unicode.Scalar? {
        if let scalar = self.other, scalar == other.other { return scalar }
        let common = CharacterClass(low: low & other.low, high: high & other.high)
        guard common.low != 0 || common.high != 0 else { return nil }
        if let scalar = Self.preferred.first(where: { common.containsASCII($0.value) }) { return scalar }
        let value = (0..<128).first { common.containsASCII(UInt32($0)) } ?? 0
        return Unicode.Scalar(UInt8(value))
    }

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    static let digits = CharacterClass(ascii: "0123456789")
    static let upperCaseAndDigits = CharacterClass(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    /// `[A-Za-z0-9_+=,.-]`: an STS role session name after `{{SessionName}}` replaced every `@` by `-`.
    static let sessionName = CharacterClass(
        ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.-")
    /// `[A-Za-z0-9_+=,.@-]`: the characters STS allows in a role session name.
    static let rawSessionName = CharacterClass(
        ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-")
    static let dnsName = CharacterClass(ascii: "abcdefghijklmnopqrstuvwxyz0123456789-.")
}
