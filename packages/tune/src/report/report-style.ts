/**
 * The report's style sheet (CSS text): system fonts, a max-width column, readable tables and
 * chart strokes, no external resources. {@link renderHtmlReport} inlines it; a page that shows
 * {@link renderReportSections} includes it in a `<style>` element.
 *
 * @category Reports
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #fafafa; color: #1d1d1f;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1em; margin: 18px 0 4px; overflow-wrap: anywhere; }
p.note, figcaption { color: #555; font-size: 0.9em; }
.dev-only { background: #eef6ee; border-left: 4px solid #2ca02c; padding: 6px 10px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.summary dt { color: #555; }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.88em; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e6e6e6; text-align: left; white-space: nowrap; }
th { background: #f0f0f0; position: sticky; top: 0; }
td.num { text-align: right; }
td.reason { white-space: normal; color: #7a2a2a; max-width: 320px; overflow-wrap: anywhere; }
tr.state-pruned td, tr.state-failed td, tr.state-running td { color: #777; }
tr.best td { font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
figure { margin: 12px 0; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts figure { margin: 0; }
svg.chart { max-width: 100%; height: auto; background: #fff; border: 1px solid #e3e3e3; border-radius: 4px; }
svg.chart text { font-size: 11px; fill: #444; font-family: inherit; }
svg.chart .axis-title { font-size: 12px; fill: #222; }
svg.chart rect.plot { fill: none; stroke: #ccc; }
svg.chart .grid { stroke: #eee; }
svg.chart polyline.curve { fill: none; stroke-width: 1.5; stroke-opacity: 0.75; stroke-linejoin: round; }
svg.chart polyline.curve-best { stroke-width: 3.5; stroke-opacity: 1; }
svg.chart polyline.curve-pruned { stroke-dasharray: 5 3; stroke-opacity: 0.8; }
svg.chart polyline.curve-failed { stroke-dasharray: 1 3; }
svg.chart polyline.curve-running { stroke-width: 1; stroke-dasharray: 2 2; }
svg.chart polyline.curve:hover { stroke-width: 4; stroke-opacity: 1; }
svg.chart .pruned-mark { stroke: #555; stroke-width: 1.5; fill: none; }
svg.chart circle.point { fill-opacity: 0.85; }
svg.chart circle.point:hover { stroke: #000; stroke-width: 2; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85em; color: #444; margin: 4px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.swatch.line { height: 3px; vertical-align: 3px; }
.swatch.dashed { height: 0; border-top: 2px dashed #8a8a8a; vertical-align: 3px; }
footer { margin-top: 40px; color: #888; font-size: 0.8em; }
`;
