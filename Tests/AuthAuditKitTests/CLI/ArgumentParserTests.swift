import Testing

@testable import AuthAuditKit

@Suite struct ArgumentParserTests {
    let spec = CommandSpec(
        name: "report", abstract: "test",
        options: [
            OptionSpec("format", short: "o", value: "FORMAT", help: ""),
            OptionSpec("db", value: "FILE", help: ""),
            OptionSpec("verbose", short: "v", help: ""),
        ],
        positionals: [PositionalSpec("NAME", help: "")])

    @Test func longShortAndInlineValues() throws {
        let parsed = try ArgumentParser.parse(["forbidden", "-o", "json", "--db=x.db", "-v"], spec: spec)
        #expect(parsed.positionals == ["forbidden"])
        #expect(parsed.value("format") == "json")
        #expect(parsed.value("db") == "x.db")
        #expect(parsed.has("verbose"))
    }

    @Test func attachedShortValue() throws {
        let parsed = try ArgumentParser.parse(["-ocsv", "forbidden"], spec: spec)
        #expect(parsed.value("format") == "csv")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try ArgumentParser.parse(["--", "-weird"], spec: spec)
        #expect(parsed.positionals == ["-weird"])
    }

    @Test func unknownOptionSuggests() {
        #expect(throws: UsageError.unknownOption("--formt", command: "report", suggestions: ["--format"])) {
            try ArgumentParser.parse(["x", "--formt", "json"], spec: spec)
        }
    }

    @Test func missingValueRejected() {
        #expect(throws: UsageError.missingValue(option: "--db")) {
            try ArgumentParser.parse(["x", "--db"], spec: spec)
        }
    }

    @Test func flagWithValueRejected() {
        #expect(throws: UsageError.unexpectedValue(option: "--verbose")) {
            try ArgumentParser.parse(["x", "--verbose=yes"], spec: spec)
        }
    }

    @Test func repeatedOptionRejected() {
        #expect(throws: UsageError.repeatedOption("--db")) {
            try ArgumentParser.parse(["x", "--db", "a", "--db", "b"], spec: spec)
        }
    }

    @Test func missingPositional() {
        #expect(throws: UsageError.missingArgument("NAME")) {
            try ArgumentParser.parse([], spec: spec)
        }
    }

    @Test func extraPositional() {
        #expect(throws: UsageError.unexpectedArgument("two")) {
            try ArgumentParser.parse(["one", "two"], spec: spec)
        }
    }

    @Test func extraOptionsKeptWhenAccepted() throws {
        var open = spec
        open.acceptsExtraOptions = true
        let parsed = try ArgumentParser.parse(["forbidden", "--since", "7d", "--detail"], spec: open)
        #expect(parsed.extraOptions.map(\.name) == ["since", "detail"])
        #expect(parsed.extraOptions.map(\.value) == ["7d", nil])
    }

    @Test func extraOptionTakesNegativeValue() throws {
        var open = spec
        open.acceptsExtraOptions = true
        let parsed = try ArgumentParser.parse(["forbidden", "--since", "-7d", "--detail", "-v"], spec: open)
        #expect(parsed.extraOptions.map(\.value) == ["-7d", nil])
    }

    @Test func byteSizes() {
        #expect(ByteSize.parse("1024") == 1024)
        #expect(ByteSize.parse("64MiB") == 64 << 20)
        #expect(ByteSize.parse("2K") == 2048)
        #expect(ByteSize.parse("lots") == nil)
    }
}
