"""The style sheet of the HTML report, inlined into the page so the file opens from disk,
in a mail attachment or on a phone without fetching anything.

Choices: grade colours come as a dark text on a light tint (4.5:1 or better) and the grade
is always written out too, for colour-blind readers and black-and-white printers; the
font stack lists system fonts that carry Vietnamese diacritics; below 640 px tables turn
into stacked cards so a 375 px phone never scrolls sideways; on paper (A4) an objective or
a table row is never split across two pages."""

from __future__ import annotations

CSS = """
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d8dee4; --page: #f3f5f7; --card: #ffffff;
  --track: #e4e8ec; --accent: #3a5ccc;
  --green: #1f883d; --green-bg: #dcf5e3; --green-ink: #0f5323;
  --yellow: #c58a00; --yellow-bg: #fdf3c8; --yellow-ink: #6b4500;
  --red: #cf222e; --red-bg: #ffe5e3; --red-ink: #8e0f1c;
  --none: #8c959f; --none-bg: #eef1f4; --none-ink: #424a53;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 40px; }
h1, h2, h3 { margin: 0; line-height: 1.25; }
a { color: var(--accent); }
.ref { font: 600 12.5px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--muted); overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.num { font-variant-numeric: tabular-nums; font-weight: 700; }

.masthead { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 22px 26px; }
.eyebrow { color: var(--muted); font-size: 12.5px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
.masthead h1 { font-size: 30px; margin: 2px 0 4px; }
.elapsed { display: flex; align-items: center; gap: 12px; margin-top: 14px; font-size: 13.5px; color: var(--muted); }
.elapsed .bar { flex: 1; max-width: 420px; }
.elapsed .fill { background: var(--accent); }

.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 16px 0 8px; }
.tile { background: var(--card); border: 1px solid var(--line); border-top: 5px solid var(--none); border-radius: 12px; padding: 12px 16px; }
.tile .num { display: block; font-size: 28px; line-height: 1.2; }
.tile.green { border-top-color: var(--green); } .tile.yellow { border-top-color: var(--yellow); }
.tile.red { border-top-color: var(--red); } .tile.kpi { border-top-color: var(--accent); }

section { margin-top: 28px; }
section > h2 { font-size: 20px; margin-bottom: 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; }

.bar { position: relative; height: 10px; border-radius: 5px; background: var(--track); overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 5px; background: var(--none); }
.pace { position: absolute; top: 0; bottom: 0; width: 3px; margin-left: -1px; background: var(--ink); opacity: .55; }
.pace-key { display: inline-block; width: 3px; height: 11px; margin-right: 5px; background: var(--ink); opacity: .55; vertical-align: -1px; }
.fill.green { background: var(--green); } .fill.yellow { background: var(--yellow); } .fill.red { background: var(--red); }

.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12.5px; font-weight: 700; white-space: nowrap; background: var(--none-bg); color: var(--none-ink); }
.pill.green { background: var(--green-bg); color: var(--green-ink); }
.pill.yellow { background: var(--yellow-bg); color: var(--yellow-ink); }
.pill.red { background: var(--red-bg); color: var(--red-ink); }
.status { display: inline-block; padding: 0 8px; border: 1px solid currentColor; border-radius: 6px; font-size: 12.5px; font-weight: 600; white-space: nowrap; }
.status.done, .status.on-track { color: var(--green-ink); }
.status.at-risk { color: var(--yellow-ink); }
.status.off-track { color: var(--red-ink); }
.status.pending { color: var(--none-ink); border-style: dashed; }
.status.stale { color: var(--yellow-ink); border-style: dotted; }
.flag { font-size: 12.5px; color: var(--yellow-ink); font-weight: 600; }

.owner-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 14px; padding-bottom: 8px; border-bottom: 2px solid var(--line); margin-bottom: 14px; }
.owner-head h2 { font-size: 22px; }
.owner-head .num { font-size: 22px; }
.owner-head .scorecard { margin-left: auto; font-size: 13.5px; color: var(--muted); }

.objective { border-left: 6px solid var(--none); padding: 16px 20px 8px; margin-bottom: 14px; break-inside: avoid; page-break-inside: avoid; }
.objective.green { border-left-color: var(--green); } .objective.yellow { border-left-color: var(--yellow); } .objective.red { border-left-color: var(--red); }
.objective-head { display: flex; gap: 16px; align-items: flex-start; justify-content: space-between; }
.objective-head > div:first-child { min-width: 0; }
.objective-head h3 { font-size: 17.5px; margin: 2px 0 4px; overflow-wrap: anywhere; }
.objective-tags { font-size: 13px; color: var(--muted); }
.objective-score { flex: none; text-align: right; white-space: nowrap; }
.objective-score .num { display: block; font-size: 26px; line-height: 1.1; }
.objective-score .pill, .objective-score .status { margin-top: 4px; }
.objective > .bar { height: 12px; margin: 12px 0 6px; }

.krs { list-style: none; margin: 0; padding: 0; }
/* the status column holds the widest status badge of the page's language ("lâu chưa cập nhật") */
.kr { --status-width: 92px; display: grid; grid-template-columns: minmax(0, 1fr) 112px 150px var(--status-width); gap: 4px 18px; align-items: center; padding: 12px 0; border-top: 1px solid var(--line); }
:lang(vi) .kr { --status-width: 156px; }
.kr-title { font-weight: 600; overflow-wrap: anywhere; }
.kr-title .ref { margin-right: 6px; }
.kr-values { font-size: 13.5px; color: var(--muted); overflow-wrap: anywhere; }
.kr-values strong { color: var(--ink); }
.kr-score { display: flex; align-items: center; gap: 8px; }
.kr-score .bar { flex: 1; }
.kr-score .num { min-width: 34px; text-align: right; }
/* a status and a `stale` badge: side by side where they fit, one above the other where not */
.kr-status { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 4px; }
.kr-note { grid-column: 1 / -1; font-size: 13px; color: var(--muted); }
.kr-forecast { grid-column: 1 / -1; font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.final, .retro { margin: 4px 0; overflow-wrap: anywhere; }  /* a retro is free text: a long word wraps */
.kr-note q { color: var(--ink); quotes: "\\201C" "\\201D"; }
.kr-chart { grid-column: 1 / -1; min-width: 0; }
.chart { margin: 4px 0 0; max-width: 560px; }
.chart svg { display: block; width: 100%; height: auto; }
.chart .axis { font-size: 11px; fill: var(--muted); }
.chart figcaption { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.chart details { font-size: 13px; }
.chart table.values { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.chart table.values td, .chart table.values th { padding: 2px 6px; text-align: left; overflow-wrap: anywhere; }
.spark { display: block; width: 112px; height: 30px; color: var(--accent); }
.spark.none { font-size: 12px; color: var(--muted); text-align: center; line-height: 30px; }

table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-size: 12.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 700; }
th, td { padding: 9px 12px; border-bottom: 1px solid var(--line); vertical-align: middle; }
tr:last-child td { border-bottom: 0; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.right, th.right { text-align: right; }
td .ref { white-space: nowrap; }
td.title { overflow-wrap: anywhere; }  /* a long unbreakable title wraps; the badges keep their room */
.table { overflow: hidden; margin-bottom: 14px; }
.table h3 { font-size: 15px; padding: 12px 12px 4px; }
.achievement { display: flex; align-items: center; gap: 8px; min-width: 130px; }
.achievement .bar { flex: 1; }

.tree, .tree ul { list-style: none; margin: 0; padding: 0; }
.tree { padding: 10px 16px; }
.tree ul { margin-left: 11px; padding-left: 18px; border-left: 2px solid var(--line); }
.node { padding: 4px 0 0; }
.tree > .node { padding-bottom: 6px; }
.node-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.node.context > .node-line { opacity: .78; }
.node-line .num { min-width: 34px; }

footer { margin-top: 28px; font-size: 13px; color: var(--muted); }
.skipped { background: var(--yellow-bg); color: var(--yellow-ink); border-radius: 10px; padding: 10px 14px; margin-top: 16px; }

@media (max-width: 640px) {
  main { padding: 14px 12px 32px; }
  .masthead { padding: 16px 18px; }
  .masthead h1 { font-size: 25px; }
  .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .objective { padding: 14px 14px 6px; }
  .objective-head { flex-direction: column; gap: 6px; }
  .objective-score { text-align: left; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
  .objective-score .num { display: inline; }
  .objective-score .pill, .objective-score .status { margin-top: 0; }
  .kr { grid-template-columns: auto minmax(0, 1fr) auto; gap: 6px 12px; }
  .kr-main, .kr-note, .kr-forecast { grid-column: 1 / -1; }
  .spark { width: 84px; }
  .owner-head .scorecard { margin-left: 0; width: 100%; }
  th, td { padding: 8px 6px; }
  th { letter-spacing: 0; }
  td a { overflow-wrap: anywhere; }
  .wide { display: none; }
  .cards table, .cards tbody, .cards tr, .cards td { display: block; width: 100%; }
  .cards thead { display: none; }
  .cards tr { padding: 8px 12px; border-bottom: 1px solid var(--line); }
  .cards tr:last-child { border-bottom: 0; }
  .cards td { border: 0; padding: 3px 0; display: flex; gap: 12px; justify-content: space-between; align-items: center; text-align: right; }
  .cards td::before { content: attr(data-label); color: var(--muted); font-size: 12.5px; font-weight: 600; text-align: left; flex: none; }
  .cards td.title, .cards td.key { display: block; text-align: left; font-weight: 600; }
  .cards td.badge { display: inline-flex; width: auto; margin: 4px 8px 2px 0; }
  .cards td.title::before, .cards td.key::before, .cards td.badge::before { content: none; }
  .achievement { min-width: 0; flex: 1; max-width: 200px; }
}

@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .masthead, .card, .tile { border-color: #c8ced5; }
  .owner { break-before: auto; }
  .owner-head, .objective, .tile, .table h3 { break-inside: avoid; page-break-inside: avoid; }
  .owner-head, section > h2, .table h3, thead { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
