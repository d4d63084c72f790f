/// A chart drawn as an inline SVG element for an HTML5 page.
///
/// The markup is built from strings alone, so the same input gives the same bytes on every run: no
/// generated ids, no clock, no random numbers. The `<svg>` element has `role="img"`, a `<title>` as its
/// first child (its accessible name) and a `<desc>` summarising the data. It carries no `xmlns` because
/// the HTML parser places inline `<svg>` in the SVG namespace itself.
// NOTE: without `xmlns` the markup is not a standalone SVG file; add the attribute before saving one.
public protocol SVGChart: Sendable {
    /// The chart's accessible name and visible heading.
    var title: String { get }

    /// Renders the chart as one `<svg>` element.
    func renderSVG() -> String
}

/// Markup helpers shared by the charts.
enum SVGMarkup {
    /// Font and colours, written as presentation attributes so the chart looks the same outside the page's
    /// stylesheet and when printed.
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
    static let fontSize = 12.0
    /// An estimate of the advance of one narrow character at `fontSize` in a sans-serif font, used to
    /// reserve room for text; SVG cannot measure text without a script.
    static let characterWidth = 7.0
    static let barColor = "#3565a8"
    static let textColor = "#1f2328"
    static let mutedTextColor = "#59636e"
    static let gridColor = "#d8dee4"
    static let axisColor = "#8c959f"

    /// Returns the opening `<svg>` tag with its `<title>` and `<desc>`.
    static func open(width: Double, height: Double, title: String, description: String) -> String {
        let size = "width=\"\(number(width))\" height=\"\(number(height))\""
        return "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(number(width)) \(number(height))\" \(size)"
            + " font-family=\"\(fontFamily)\" font-size=\"\(number(fontSize))\" fill=\"\(textColor)\">\n"
            + "<title>\(HTMLText.escaped(title))</title>\n"
            + "<desc>\(HTMLText.escaped(description))</desc>\n"
    }

    static let close = "</svg>"

    /// Formats a coordinate or length rounded to hundredths, without trailing zeros (`12`, `12.5`, `0.33`).
    static func number(_ value: Double) -> String {
        var text = ChartNumberText.fixed(value, fractionDigits: 2)
        while text.last == "0" {
            text.removeLast()
        }
        if text.last == "." { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Estimates the width of text in the chart font.
    static func textWidth(_ text: String) -> Double {
        Double(DisplayWidth.of(text)) * characterWidth
    }

    /// Cuts the text to at most `width`, ending it in `…`; text that fits is returned unchanged.
    static func truncated(_ text: String, toWidth width: Double) -> String {
        guard textWidth(text) > width else { return text }
        let columns = Int(width / characterWidth) - 1
        var result = ""
        var used = 0
        for character in text {
            let characterColumns = DisplayWidth.of(character)
            if used + characterColumns > columns { break }
            result.append(character)
            used += characterColumns
        }
        return result + "…"
    }
}
