/// The stylesheet of every HTML page, inlined in a `<style>` element so the page needs no other file.
///
/// On screen: a system font stack, tables in a box that scrolls both ways with the header row stuck to its
/// top, and striped rows. In print: no scroll box, so the whole table is printed, with cells wrapping to
/// the page width and the header row repeated on each page, black on white.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body {
          margin: 0; padding: 1.5rem 2rem 3rem;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          color: #1f2328; background: #ffffff;
        }
        header { border-bottom: 1px solid #d8dee4; margin-bottom: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
        .generated { color: #59636e; margin: 0 0 1rem; }
        section { margin-bottom: 2rem; }
        figure { margin: 0; }
        figcaption { color: #59636e; font-size: 0.9rem; margin-top: 0.25rem; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        .table-scroll {
          overflow: auto; max-height: 75vh;
          border: 1px solid #d8dee4; border-radius: 6px;
        }
        table { border-collapse: separate; border-spacing: 0; font-size: 0.9rem; min-width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 0.5rem 0.75rem; caption-side: top; }
        th, td { padding: 0.3rem 0.75rem; text-align: left; vertical-align: top; white-space: pre; }
        td { border-top: 1px solid #eaeef2; }
        td.wrap { white-space: pre-wrap; overflow-wrap: break-word; min-width: 50ch; }
        th {
          position: sticky; top: 0; z-index: 1; white-space: nowrap;
          background: #f0f3f6; border-bottom: 1px solid #d8dee4;
        }
        tbody tr:nth-child(even) td { background: #f6f8fa; }
        tbody tr:hover td { background: #eaf1fb; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .row-count, .no-rows { color: #59636e; font-size: 0.9rem; margin: 0.4rem 0 0; }
        @media print {
          body { padding: 0; font-size: 10pt; color: #000000; }
          header { border-bottom-color: #000000; }
          .table-scroll { overflow: visible; max-height: none; border: none; }
          table { font-size: 8.5pt; }
          thead { display: table-header-group; }
          th { position: static; background: none; border-bottom: 1px solid #000000; }
          th, td { white-space: pre-wrap; overflow-wrap: anywhere; }
          td { border-top-color: #bbbbbb; }
          tbody tr:nth-child(even) td, tbody tr:hover td { background: none; }
          tr, figure { break-inside: avoid; }
          h2 { break-after: avoid; }
        }
        """
}
