"""A pytest plugin that turns every skip into a failure: a green run means every test ran.

A test that needs a tool (Chromium, check-jsonschema, git) fails with a message saying how
to install it; a skip that slips in anyway (`skipif`, `pytest.skip`, `importorskip`, a
module-level skip) fails here with its reason. `tests/conftest.py` loads it; an expected
failure (`xfail`) is left as it is.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

PREFIX = "tests never skip; install what is missing (pip install -e '.[test]', apt-get install chromium)"


def _reason(longrepr: object) -> str:
    # A skip's longrepr is (path, line, reason); keep the reason.
    return str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"{PREFIX}: {_reason(report.longrepr)}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = f"{PREFIX}: {_reason(report.longrepr)}"
    return report
