/// Standard output as a `TextOutputStream`, so renderers can write rows as they come.
struct StandardOutputStream: TextOutputStream {
    mutating func write(_ string: String) {
        Console.out(string)
    }
}
