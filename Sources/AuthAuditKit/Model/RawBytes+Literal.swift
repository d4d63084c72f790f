import Foundation

extension UnsafeRawBufferPointer {
    /// Returns whether the bytes are exactly the UTF-8 of `literal`.
    ///
    /// Comparing with `elementsEqual(someString.utf8)` walks a `String.UTF8View` through a generic
    /// iterator: callgrind counted about 800 instructions per audit stage name that way, against a
    /// length check and one `memcmp` here.
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        guard let base = baseAddress else { return count == 0 }
        return memcmp(base, literal.utf8Start, count) == 0
    }
}
