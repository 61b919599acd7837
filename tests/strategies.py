"""Hypothesis strategies for hostile input: sheets, configs, arguments and git histories.

Every strategy draws text or bytes, not only valid YAML: the values of SPEC 2.1 and their
near misses, YAML's oddities (anchors, aliases, merge keys, tags, flow style, several
documents, BOM, CRLF, tabs, deep nesting), and user text that tries to drive a terminal or
forge an output line. They compose: a sheet is rendered from generated pieces, then its text
mutated; a repository is an example repository with some sheets replaced or mutated."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from conftest import EXAMPLES
from hypothesis import strategies as st

# How many generated cases each command ran (printed at the end of the session by conftest).
CASES: Counter[str] = Counter()

# --- text ---------------------------------------------------------------------------------------

HOSTILE_CHARS = [
    "\x00",
    "\x07",
    "\x08",
    "\x1b[31m",
    "\x1b]8;;https://evil.example\x07",
    "\x1b[2J",
    "\x1b[1A",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\r",
    "\n",
    "\t",
    "\x7f",
    "\u0301",
    "\u0323",
    "[bold]",
    "[/]",
    "[link=x]",
    "::error ::",
    "%0A",
    "|",
    "<script>",
    "&amp;",
    "=1+1",
    "@SUM(A1)",
    "-2",
    "+1",
    "Tăng trưởng",
    "cải thiện",
    "cai thien",
    "ﬁ",
    "İ",
    "ß",
    "ǅ",
    "𝟙",
    "e\u0301",
    "\U0001f600",
    " ",
    "  ",
]
WORDS = ["O1", "KR1", "K1", "growth", "company", "lan", "marketing", "improve", "Launch", "Triển khai", "nâng cao", "308.000", "50%"]

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_CHARS), st.sampled_from(WORDS), st.text(max_size=6)), max_size=6).map("".join)
# A title okr must show: never blank, so the sheet stays scorable and the text reaches every output.
titles = st.lists(st.one_of(st.sampled_from(HOSTILE_CHARS), st.sampled_from(WORDS), st.text(max_size=6)), min_size=1, max_size=6).map(
    lambda parts: "T " + "".join(parts)
)

# --- values of SPEC 2.1 and their near misses ---------------------------------------------------

NUMBER_TEXTS = [
    "0",
    "-0",
    "1",
    "-1",
    "308000",
    "308.000",
    "120.000",
    "1.234.567",
    "1,234.5",
    "1,33",
    "8,5",
    "8.5",
    "1.33",
    ".5",
    "5.",
    "1e309",
    "-1e309",
    "5e-324",
    "1e18",
    "999999999999999999",
    "1000000000000000000",
    "1" * 19,
    "9" * 400,
    "0.1234567890123456789",
    "1_000",
    "0x1F",
    "0o17",
    "0b11",
    "١٢٣",
    "１２３",
    "1 000",
    "1\u00a0000",
    "1'000",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    ".inf",
    "--1",
    "1..2",
    "1,2,3",
    "1.2.3",
    "12.3456",
    "1.000,5",
    "1,000.000",
    "0.000001",
    "-250000",
]
SCALE_WORDS = [
    "",
    "k",
    "K",
    "nghìn",
    "ngàn",
    "nghin",
    "ngan",
    "NGHIN",
    "NGÀN",
    "M",
    "m",
    "tr",
    "TR",
    "triệu",
    "trieu",
    "TRIỆU",
    "Trieu",
    "B",
    "bn",
    "BN",
    "tỷ",
    "tỉ",
    "ty",
    "ti",
    "TỶ",
    "trieuu",
    "tyy",
    "nghinn",
    "k k",
    "triệu tỷ",
    "kM",
    "tr tr",
]
COMPARATORS = ["", "", ">=", "≥", "<=", "≤", ">", "<", "> =", "=>", "==", ">>", "=", "≥≥"]
UNITS = ["", "", "%", " %", "VND", " VND", "$", "USD", " đ", "visits", "%%", "% VND", "€", "\u20ab"]


@st.composite
def value_texts(draw: st.DrawFn) -> str:
    """A numeric value as a user might type it: comparator, number, scale word, percent, unit."""
    if draw(st.integers(0, 9)) == 0:  # a band, well-formed or not
        low, high = draw(st.sampled_from(NUMBER_TEXTS)), draw(st.sampled_from(NUMBER_TEXTS))
        return f"{low}{draw(st.sampled_from(['..', '–', '...', ' .. ', '-', '—']))}{high}{draw(st.sampled_from(UNITS))}"
    parts = [draw(st.sampled_from(COMPARATORS)), draw(st.sampled_from(["", " "]))]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["$", "", "", "VND "])))
    parts.append(draw(st.one_of(st.sampled_from(NUMBER_TEXTS), st.integers(-(10**20), 10**20).map(str), st.floats().map(repr))))
    scale = draw(st.sampled_from(SCALE_WORDS))
    if scale:
        parts.append(draw(st.sampled_from(["", " "])) + scale)
    parts.append(draw(st.sampled_from(UNITS)))
    return "".join(parts)


yaml_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(repr(f), repr(f))),
    st.sampled_from(["308.000", "1.234.567", "120.000", "0x10", "0o7", "1e309", "5e-324", "-.5", "1_0", "+12", "012", "1:30"]),
)
DATES = [
    "2025-08-15",
    "2025-07-01",
    "2025-09-30",
    "2025-10-01",
    "2025-06-30",
    "2025-02-29",
    "2024-02-29",
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "20250815",
    "2025-W33",
    "2025-W33-5",
    "2025-8-15",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2025-08-15T10:00:00+07:00",
    "2025-08-15 10:00",
    "15/08/2025",
    "2025-08-15Z",
    "2099-01-01",
    "1970-01-01",
    "",
]
PERIODS = [
    "2025-Q3",
    "2025-Q2",
    "2025-Q1",
    "2025-Q4",
    "2025-Q5",
    "2025-Q0",
    "2025-H1",
    "2025-H2",
    "2025-H3",
    "2025",
    "2025-07",
    "2025-13",
    "Q3",
    "q3",
    "H2",
    "2025Q3",
    "9999-Q4",
    "0001-Q1",
    "0000-Q1",
    "2025-W01",
    "2025-Q3:",
    "2025-Q03",
    "",
    "-",
    "2025-Q3 ",
    " 2025-Q3",
    "２０２５-Q3",
    "2025-Q3\n",
    "10000-Q1",
]
dates = st.one_of(st.sampled_from(DATES), st.dates().map(lambda d: d.isoformat()))
periods = st.one_of(st.sampled_from(PERIODS), st.integers(-5, 12000).map(lambda y: f"{y}-Q3"))
ids = st.one_of(*[st.sampled_from(["O1", "O2", "O3", "KR1", "KR2", "KR3", "K1", "K2"])] * 6, hostile_text)

# --- rendering generated structures as YAML, with YAML's oddities ------------------------------

TAGS = [
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary ",
    "!!timestamp ",
    "!!python/object:os.system ",
    "!custom ",
    "!<tag:yaml.org,2002:str> ",
    "!!map ",
    "!!seq ",
]


class Raw(str):
    """A scalar already written as YAML (a plain number, an alias, a block scalar)."""


def quote(text: str) -> str:
    """`text` double-quoted, with what YAML may not hold raw (C0, C1, surrogates) escaped."""
    return "".join(
        c if c.isprintable() or c == " " else (json.dumps(c)[1:-1] if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        for c in json.dumps(text, ensure_ascii=False)
    )


@st.composite
def scalars(draw: st.DrawFn, text: str, indent: int = 0) -> str:
    """One scalar as YAML: double-quoted, single-quoted, plain, tagged, or a block scalar
    (the raw forms only for text YAML lets them hold)."""
    how = draw(st.integers(0, 39))
    if how <= 29 or isinstance(text, Raw) or (how != 34 and not text.replace("\n", "").isprintable()):
        return text if isinstance(text, Raw) else quote(text)
    if how <= 33:
        return "'" + text.replace("'", "''").replace("\n", " ") + "'"
    if how == 34:
        return draw(st.sampled_from(TAGS)) + quote(text)
    if how <= 36:
        return draw(st.sampled_from(["|", ">", "|-", ">+", "|2"])) + "\n" + "".join(" " * (indent + 2) + line + "\n" for line in text.split("\n"))
    return text.replace("\n", " ") or '""'  # plain: whatever YAML makes of it


def render(node: Any, draw: st.DrawFn, indent: int = 0, anchors: list[str] | None = None) -> str:
    """`node` (dicts, lists, strings) as YAML text: block or flow, with anchors and aliases."""
    anchors = anchors if anchors is not None else []
    pad = " " * indent
    if isinstance(node, dict):
        if not node:
            return "{}"
        if draw(st.integers(0, 7)) == 0:
            return (
                "{"
                + ", ".join(
                    f"{quote(str(k))}: {v if isinstance(v, Raw) else quote(str(v))}" for k, v in node.items() if not isinstance(v, (dict, list))
                )
                + "}"
            )
        lines = []
        for key, value in node.items():
            head = f"{pad}{key}:"
            body = render(value, draw, indent + 2, anchors)
            if draw(st.integers(0, 15)) == 0:  # anchor this value, or replace it by an alias
                if anchors and draw(st.booleans()):
                    body = "*" + draw(st.sampled_from(anchors))
                    if draw(st.integers(0, 3)) == 0:
                        head = f"{pad}<<:"
                else:
                    name = f"a{len(anchors)}"
                    anchors.append(name)
                    body = f"&{name} {body.lstrip()}" if not body.startswith("\n") else f"&{name}{body}"
            lines.append(head + (body if body.startswith("\n") else " " + body))
        return "\n" + "\n".join(lines) if indent else "\n".join(lines)
    if isinstance(node, list):
        if not node:
            return "[]"
        items = []
        for item in node:
            body = render(item, draw, indent + 2, anchors).lstrip("\n")
            items.append(f"{pad}- {body.lstrip()}")
        return "\n" + "\n".join(items)
    return draw(scalars(str(node), indent) if not isinstance(node, Raw) else st.just(node))


value_nodes = st.one_of(st.integers(-10, 1000).map(lambda n: Raw(str(n))), value_texts(), yaml_numbers.map(Raw))


@st.composite
def check_ins(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"date": draw(st.one_of(dates, dates.map(Raw))), "value": draw(value_nodes)}
    if draw(st.booleans()):
        item["confidence"] = draw(st.one_of(st.sampled_from(["0.7", "70%", "0,7", "1.5", "-1", "1e309"]).map(Raw), value_texts()))
    if draw(st.booleans()):
        item["note"] = draw(hostile_text)
    return item


@st.composite
def key_results(draw: st.DrawFn) -> dict[str, Any]:
    kr: dict[str, Any] = {"id": draw(ids), "title": draw(titles)}
    for key in ("start", "target", "current"):
        if draw(st.booleans()):
            kr[key] = draw(value_nodes)
    if draw(st.integers(0, 4)) == 0:
        kr["done"] = Raw(draw(st.sampled_from(["true", "false", "yes", "1", "null", '"true"'])))
    for key, choices in (
        ("unit", ["%", "VND", "visits", "USD", ""]),
        ("weight", ["1", "0", "-1", "50%", "1e309", "2", "-0"]),
        ("owner", ["lan", "growth", "", "x/y"]),
    ):
        if draw(st.integers(0, 3)) == 0:
            kr[key] = Raw(draw(st.sampled_from(choices))) if key == "weight" else draw(st.one_of(st.sampled_from(choices), hostile_text))
    if draw(st.booleans()):
        kr["check_ins"] = draw(st.lists(check_ins(), max_size=3))
    if draw(st.integers(0, 9)) == 0:
        kr[draw(st.sampled_from(["taget", "baseline", "curent", "links", "type", "1", "null", "true", "~"]))] = draw(value_nodes)
    return kr


@st.composite
def objectives(draw: st.DrawFn) -> dict[str, Any]:
    objective: dict[str, Any] = {"id": draw(ids), "title": draw(titles)}
    if draw(st.booleans()):
        objective["kind"] = draw(st.sampled_from(["aspirational", "committed", "Committed", "stretch", ""]))
    if draw(st.booleans()):
        objective["parent"] = draw(
            st.one_of(
                st.sampled_from(["company/O1", "company/O2", "2025:company/O1", "growth/O1", "x", "/", "2025-Q9:a/O1", "a/b/c/d"]), hostile_text
            )
        )
    if draw(st.integers(0, 3)) == 0:
        objective["weight"] = Raw(draw(st.sampled_from(["1", "0", "-2", "1e309", "0.5"])))
    objective["key_results"] = draw(st.lists(key_results(), max_size=4))
    if draw(st.booleans()):
        objective["initiatives"] = draw(st.lists(st.one_of(hostile_text, st.fixed_dictionaries({"title": titles})), max_size=2))
    return objective


@st.composite
def kpis(draw: st.DrawFn) -> dict[str, Any]:
    kpi: dict[str, Any] = {"id": draw(ids), "title": draw(titles), "target": draw(value_nodes)}
    if draw(st.booleans()):
        kpi["actual"] = draw(value_nodes)
    if draw(st.booleans()):
        kpi["readings"] = draw(st.lists(st.fixed_dictionaries({"period": st.one_of(periods, dates), "value": value_nodes}), max_size=3))
    if draw(st.integers(0, 3)) == 0:
        kpi["weight"] = Raw(draw(st.sampled_from(["1", "0", "-1", "3"])))
    return kpi


@st.composite
def generated_sheets(draw: st.DrawFn) -> str:
    """A sheet written from generated pieces, rendered with YAML's oddities."""
    sheet: dict[str, Any] = {}
    if draw(st.integers(0, 9)):
        sheet["period"] = draw(st.one_of(st.sampled_from(["2025-Q3", "2025-Q3", "2025"]), periods))
    if draw(st.integers(0, 9)):
        sheet["owner"] = draw(st.one_of(st.sampled_from(["growth", "company", "lan", "priya"]), hostile_text))
    if draw(st.booleans()):
        sheet["level"] = draw(st.sampled_from(["team", "company", "individual", "boss"]))
    sheet["objectives"] = draw(st.lists(objectives(), max_size=4))
    if draw(st.booleans()):
        sheet["kpis"] = draw(st.lists(kpis(), max_size=6))
    for key in draw(st.lists(st.sampled_from(["closed", "team", "owner", "period", "extra", "? [a, b]", "1", "null", "2025-01-01"]), max_size=2)):
        sheet[key] = draw(st.one_of(hostile_text, value_nodes))
    return render(sheet, draw) + "\n"


# --- mutations of text: what editors, copy-paste and attackers do to a sheet --------------------

ODD_LINES = [
    "&a x: 1",
    "x: &a 1",
    "y: *a",
    "target: &f 308.000",
    "current: *f",
    "- *f",
    "weight: &w .5\n<<: {w: *w}",
    "<<: *a",
    "<<: [*a, *b]",
    "? complex\n: key",
    "? [1, 2]\n: v",
    "!!python/object/apply:os.system [echo]",
    "%YAML 1.1",
    "%TAG ! tag:x,2000:",
    "---",
    "...",
    "--- !!map",
    "a: {b: [c, {d: e}]}",
    "k: |\n  block\n  text",
    "k: >-\n  folded",
    "\tperiod: 2025-Q3",
    "period: 2025-Q3",
    "period: 2025-Q3",
    "owner: growth",
    "objectives: []",
    "kpis: ~",
    "[1, 2, 3]",
    "- a",
    "key: value # okr: disable=schema",
    "# okr: disable-file=vague-wording -- because",
    "# okr: disable=nonexistent-rule",
    "a: " + "[" * 60 + "]" * 60,
    "a: " + "{a: " * 40 + "1" + "}" * 40,
    "x: " + "y" * 5000,
    "1: one",
    "1.0: one",
    "true: t",
    "null: n",
    "? !!binary aGVsbG8=\n: v",
    "'quoted key': 1",
    '"\\u0000": nul',
    'x: "\\x1b[31mred"',
    "x: !!timestamp 2025-08-15",
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few lines replaced, inserted, duplicated or re-valued."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        lines = lines or [""]
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        how = draw(st.integers(0, 5))
        indent = len(lines[at]) - len(lines[at].lstrip(" ")) if lines else 0
        if how == 0:
            lines.insert(at, " " * draw(st.sampled_from([0, indent])) + draw(st.sampled_from(ODD_LINES)))
        elif how == 1 and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            odd = st.sampled_from(["", "*a", "&a 1", "[]", "{}", "~"])
            lines[at] = f"{key}: {draw(st.one_of(value_texts().map(quote), yaml_numbers, dates, hostile_text.map(quote), odd))}"
        elif how == 2:
            lines.insert(at, lines[at])
        elif how == 3:
            del lines[at : at + draw(st.integers(1, 3))]
        elif how == 4 and ":" in lines[at]:
            lines[at] = (
                lines[at].replace(":", ": " + draw(hostile_text).replace("\n", " ") + " #", 1)
                if draw(st.booleans())
                else lines[at] + " " + draw(st.sampled_from(ODD_LINES)).split("\n")[0]
            )
        else:
            lines[at] = lines[at].replace("  ", "\t", 1)
    return "\n".join(lines)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """`text` as bytes: UTF-8, maybe with a BOM, CRLF, a NUL, cut short, or not UTF-8 at all."""
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    how = draw(st.integers(0, 12))
    if how == 0:
        data = b"\xef\xbb\xbf" + data
    elif how == 1:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == 2:
        data = text.encode("utf-16")
    elif how == 3:
        data = data + b"\n\xff\xfe\x00garbage"
    elif how == 4:
        data = data + b"\n---\n" + data  # several documents
    return data


EXAMPLE_REPOS = {name: EXAMPLES / name for name in ("acme-vi", "startup-en")}
EXAMPLE_SHEETS = {
    name: sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml") if p.name != ".okr.yaml") for name, root in EXAMPLE_REPOS.items()
}
REFS = {
    "acme-vi": [
        "company/O1",
        "company/O1/KR1",
        "marketing/O1/KR1",
        "marketing/O1/KR2",
        "marketing/K1",
        "lan/O1/KR1",
        "cskh/K1",
        "2025-Q3:marketing/O1/KR1",
    ],
    "startup-en": [
        "growth/O1/KR1",
        "growth/O1/KR2",
        "growth/O1/KR3",
        "growth/O2/KR3",
        "growth/K1",
        "priya/K1",
        "company/O1/KR1",
        "2025-Q3:growth/O1/KR1",
        "engineering/O1/KR1",
    ],
}
OWNERS = {"acme-vi": ["lan", "marketing", "company", "cskh", "huy"], "startup-en": ["priya", "growth", "company", "marco", "engineering"]}


@st.composite
def sheet_bytes(draw: st.DrawFn, example: str) -> tuple[str, bytes]:
    """A path in `example` and new bytes for it: a mutated example sheet or a generated one."""
    path = draw(st.sampled_from(EXAMPLE_SHEETS[example] + ["2025-Q3/new.yaml", "drafts/x.yml", ".hidden/x.yaml"]))
    source = EXAMPLE_REPOS[example] / path
    if source.exists() and draw(st.integers(0, 2)):
        text = draw(mutated(source.read_text(encoding="utf-8")))
    else:
        text = draw(generated_sheets())
        if draw(st.booleans()):
            text = draw(mutated(text))
    return path, draw(encoded(text))


# --- configs --------------------------------------------------------------------------------------

ODD_NUMBERS = [
    "0",
    "-1",
    "1",
    "0.5",
    "1e309",
    "-1e309",
    ".nan",
    "99999999999999999999",
    "3660",
    "3661",
    "true",
    "null",
    '"14"',
    "[]",
    "{}",
    "1.5",
    "2",
    "-0.0",
]
RULE_IDS = [
    "max-objectives",
    "max-key-results",
    "min-key-results",
    "kpi-count",
    "vague-wording",
    "kr-is-task",
    "check-in-outside-period",
    "objective-number",
    "schema",
    "yaml-syntax",
    "ambiguous-number",
    "stale-check-in",
    "unknown-rule",
    "max-objective",
]
RULE_OPTIONS = ["max", "min", "level", "words", "allow", "verbs", "grace_days", "maximum", "disable"]


@st.composite
def config_texts(draw: st.DrawFn) -> str:
    """A `.okr.yaml`: every key of SPEC 5, with right and wrong types, odd numbers and globs."""
    lines = []
    odd = st.one_of(st.sampled_from(ODD_NUMBERS), hostile_text.map(quote))
    if draw(st.booleans()):
        lines.append(f"number_locale: {draw(st.sampled_from(['en', 'vi', 'EN', 'fr', '1', 'null', '[en]']))}")
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"language: {draw(st.sampled_from(['en', 'vi', 'de']))}")
    if draw(st.booleans()):
        globs = draw(
            st.lists(
                st.sampled_from(["drafts/**", "**", "*", "[", "**/*.yaml", "../**", "/etc/**", "2025-Q3/*", "{a,b}", "\\", "", "!x"]), max_size=3
            )
        )
        lines.append(f"exclude: {draw(st.sampled_from([json.dumps(globs), 'drafts/**', '1', 'null']))}")
    if draw(st.booleans()):
        lines.append(f"stale_after_days: {draw(odd)}")
    if draw(st.booleans()):
        lines.append(
            f"grading: {{aspirational: {{green: {draw(odd)}, yellow: {draw(odd)}}}, committed: {{green: {draw(odd)}, yellow: {draw(odd)}}}}}"
        )
    if draw(st.booleans()):
        lines.append(f"kpi: {{green: {draw(odd)}, yellow: {draw(odd)}}}")
    if draw(st.booleans()):
        lines.append(f"scorecard: {{kpis: {draw(odd)}, key_results: {draw(odd)}, kpi_cap: {draw(odd)}}}")
    if draw(st.booleans()):
        rules = []
        for rule in draw(st.lists(st.sampled_from(RULE_IDS), max_size=4)):
            how = draw(st.integers(0, 3))
            if how == 0:
                rules.append(f"  {rule}: {draw(st.sampled_from(['disable', 'enable', 'off', 'error', 'warning', '1', 'null']))}")
            else:
                options = {
                    option: draw(st.one_of(odd, st.sampled_from(["error", "warning", "disable", "[improve]", "[1, null]", '["tăng trưởng mạnh"]'])))
                    for option in draw(st.lists(st.sampled_from(RULE_OPTIONS), max_size=3))
                }
                rules.append(f"  {rule}: {{" + ", ".join(f"{k}: {v}" for k, v in options.items()) + "}")
        lines.append("rules:" + ("\n" + "\n".join(rules) if rules else " {}"))
    if draw(st.integers(0, 5)) == 0:
        lines.append(draw(st.sampled_from(ODD_LINES)))
    return "\n".join(lines) + "\n"


# --- arguments ------------------------------------------------------------------------------------

odd_args = st.one_of(hostile_text, st.sampled_from(["", "-", "--", "-h", "--help", "--format", "-C", "..", "/", "/etc/passwd", "\udcff", "a" * 300]))
as_of_args = st.one_of(st.sampled_from(["2025-08-15", "2025-07-01", "2025-09-30", "2025-10-20", "2026-01-01", "2024-12-31"]), dates, odd_args)


@st.composite
def common_options(draw: st.DrawFn) -> list[str]:
    options: list[str] = []
    if draw(st.integers(0, 5)):
        options += ["--as-of", draw(as_of_args)]
    if draw(st.integers(0, 5)) == 0:
        options += ["--config", draw(st.sampled_from([".okr.yaml", "missing.yaml", "2025-Q3", "/dev/null", "../outside.yaml", ".okr.yaml/x"]))]
    if draw(st.integers(0, 7)) == 0:
        options += ["-C", draw(st.sampled_from([".", "2025-Q3", "missing", "2025-Q3/company.yaml"]))]
    if draw(st.integers(0, 5)) == 0:
        options += ["--at", draw(GIT_REFS)]
    if draw(st.integers(0, 4)) == 0:
        options += ["--lang", draw(st.one_of(st.sampled_from(["vi", "en", "VI", "fr", ""]), odd_args))]
    return options


REPORT_OUTPUTS = ["report.md", "out/report.html", "2025-Q3/company.yaml", ".okr.yaml", "2025-Q3", "/dev/null", "r\nx.md", "-", ".git/x.md"]
BASELINES = st.tuples(
    st.sampled_from(["--baseline", "--write-baseline"]),
    st.sampled_from(["base.json", ".okr-baseline.json", "missing.json", "2025-Q3/company.yaml", ".okr.yaml", "/dev/null", "2025-Q3"]),
).map(list)
SINCE = st.one_of(
    st.sampled_from(["2025-08-01", "2025-07-01", "2099-01-01", "HEAD", "HEAD~1", "main", "nope", "-x", "HEAD..main", "@{1}"]), dates, odd_args
)
GIT_REFS = st.one_of(st.sampled_from(["HEAD", "HEAD~1", "HEAD~99", "main", "nope", "-x", "--upload-pack=x", "HEAD..main", "@{1}", ":/start"]), odd_args)
READING = ("check", "score", "scorecard", "tree", "history", "report", "rules", "schema", "diff", "due")


def reading_commands(example: str, name: str | None = None) -> st.SearchStrategy[list[str]]:
    """One reading command (`name`, else any) with its arguments and options, valid or not."""
    period = st.one_of(st.sampled_from(["Q3", "2025-Q3", "2025", "2025-H2", "2025-07", "Q2"]), periods, odd_args)
    owner = st.one_of(st.sampled_from(OWNERS[example]), odd_args)
    ref = st.one_of(st.sampled_from(REFS[example]), odd_args, st.sampled_from(["growth//KR1", "a/b/c/d", "2025-Q9:x/O1", "lan/O1/KR9", ":/"]))

    def fmt(*names: str) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.sampled_from(names), odd_args).map(lambda f: [st_choice_flag(f), f])

    def maybe(parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.just([]), parts)

    def one(s):
        return s.map(lambda v: [v])
    shapes = {
        "check": [
            st.lists(st.sampled_from(EXAMPLE_SHEETS[example] + ["missing.yaml", ".okr.yaml", "..", "/etc/hostname", "2025-Q3"]), max_size=2),
            maybe(fmt("text", "parsable", "json", "github", "sarif", "junit")),
            maybe(st.just(["--strict"])),
            maybe(st.sampled_from([["--exit-zero"], ["--statistics"], ["--statistics", "--exit-zero"]])),
            maybe(BASELINES),
        ],
        "score": [maybe(one(period)), maybe(fmt("text", "json", "markdown", "csv")), maybe(owner.map(lambda o: ["--owner", o]))],
        "scorecard": [one(owner), maybe(one(period)), maybe(fmt("text", "json"))],
        "tree": [maybe(one(period)), maybe(fmt("text", "json"))],
        "history": [one(ref), maybe(fmt("text", "json"))],
        "report": [
            maybe(one(period)),
            maybe(fmt("markdown", "html")),
            maybe(owner.map(lambda o: ["--owner", o])),
            maybe(st.sampled_from(REPORT_OUTPUTS).map(lambda o: ["-o", o])),
            maybe(SINCE.map(lambda d: ["--since", d])),
        ],
        "diff": [one(GIT_REFS), maybe(one(GIT_REFS)), maybe(fmt("text", "markdown", "json"))],
        "due": [maybe(owner.map(lambda o: ["--owner", o])), maybe(fmt("text", "markdown", "json", "github"))],
        "rules": [maybe(one(st.sampled_from(["schema", "vague-wording", "vague_wording", "nope", ""]))), maybe(fmt("text", "json", "markdown"))],
        "schema": [],
    }
    names = st.just(name) if name else st.sampled_from(READING)

    def build(command: str) -> st.SearchStrategy[list[str]]:
        options = common_options() if command not in ("rules", "schema") else st.just([])
        return st.tuples(*shapes[command], options).map(lambda parts: [command, *(a for part in parts for a in part)])

    return names.flatmap(build)


def st_choice_flag(value: str) -> str:
    """`--format` or its short form `-f`, chosen by the value so a run is reproducible."""
    return "-f" if len(value) % 2 else "--format"
