"""`okr check --format junit`: JUnit XML for CI dashboards (GitLab, Jenkins).

One test suite; one test case per file checked; a failure per problem, typed by its rule,
with its level, line:col and message. XML 1.0 cannot hold most control characters even as
character references, so user text is made `printable` first (its controls shown as
escapes), and what XML still refuses (U+FFFE, U+FFFF) is escaped the same way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from okrcli.lint.result import CheckResult
from okrcli.problem import Problem
from okrcli.reporters.terminal import printable, write

_NOT_XML = re.compile("[\ufffe\uffff]")
SUITE = "okr check"


def junit(result: CheckResult) -> None:
    by_file: dict[str, list[Problem]] = {_xml(path): [] for path in result.checked}
    for problem in result.problems:
        by_file.setdefault(_xml(problem.path), []).append(problem)
    failed = sum(1 for problems in by_file.values() if problems)
    counts = {"tests": str(len(by_file)), "failures": str(failed), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE, **counts})
    for path, problems in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": "okr", "name": path, "file": path})
        for p in problems:
            message = _xml(f"{p.line}:{p.column}: [{p.level}] {p.message} ({p.rule})")
            failure = ET.SubElement(case, "failure", {"type": _xml(p.rule), "message": message})
            failure.text = f"{path}:{message}"
    ET.indent(suites)
    write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")


def _xml(text: str) -> str:
    """`text` as XML 1.0 can hold it: on one line, every control character shown as an escape."""
    shown = printable(text)
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", shown)
