/// Reads `responseElements.credentials.expiration` of STS records: RFC 3339, or the US English medium date
/// form (`Mar 23, 2021, 9:39:57 PM`, also without the comma after the year) that CloudTrail writes in many records.
/// NOTE: the medium form carries no zone and is read as UTC; no AWS document confirms the zone.
enum CloudTrailExpiration {
    static func parse(_ text: String) -> Timestamp? {
        if let timestamp = TimestampParser.parse(text) { return timestamp }
        return parseMediumDate(text)
    }

    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Parses `MMM d, yyyy[,] h:mm:ss AM|PM`.
    private static func parseMediumDate(_ text: String) -> Timestamp? {
        let words = text.replacingCommasWithSpaces().split(separator: " ")
        guard words.count == 5, let monthIndex = monthNames.firstIndex(of: String(words[0])),
            let day = Int64(words[1]), let year = Int64(words[2])
        else { return nil }
        let clock = words[3].split(separator: ":")
        guard clock.count == 3, let hour12 = Int64(clock[0]), let minute = Int64(clock[1]),
            let second = Int64(clock[2]), (1...12).contains(hour12), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let month = Int64(monthIndex + 1)
        guard day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }

        let hour: Int64
        switch words[4] {
        case "AM": hour = hour12 % 12
        case "PM": hour = hour12 % 12 + 12
        default: return nil
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Timestamp(seconds: days * 86_400 + hour * 3_600 + minute * 60 + second)
    }
}

extension String {
    fileprivate func replacingCommasWithSpaces() -> String {
        String(map { $0 == "," ? " " : $0 })
    }
}
