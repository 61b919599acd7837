"""Time okr on hostile input at two sizes: every rule and command must stay linear.

    python bench/hostile.py [--size 2000] [--factor 2] [--repeat 3] [--only NAME ...]

Each shape is a repository written to a temporary folder at SIZE and at FACTOR × SIZE; the
command runs in a fresh process (cache off, the same as-of date) and times itself after a
warm-up, so imports do not count. The last column is the ratio of the two times: about
FACTOR for linear work, FACTOR² for quadratic. A shape whose ratio is clearly above FACTOR
is a defect to fix.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HEAD = "period: 2025-Q3\nowner: {owner}\n"
KR = "      - id: KR{n}\n        title: Signups reach {n}\n        start: 0\n        target: 100\n"
AS_OF = "2025-08-15"

# The probe runs the command twice in one process: once on a tiny repo (imports, caches of
# compiled word lists), then timed on the real one.
PROBE = """
import contextlib, io, os, sys, time
from okrcli.cli import run
command, repo, tiny = sys.argv[1].split(), sys.argv[2], sys.argv[3]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    run([*command, "-C", tiny, "--as-of", "2025-08-15"])
    started = time.perf_counter()
    code = run([*command, "-C", repo, "--as-of", "2025-08-15"])
    elapsed = time.perf_counter() - started
print(code, elapsed)
"""

Files = dict[str, str]


def objectives(n: int, id_of: Callable[[int], str], extra: Callable[[int], str] = lambda i: "", per_sheet: int = 2000, owner: str = "growth") -> Files:
    """`n` objectives of one owner and period, `per_sheet` to a sheet, each with two KRs."""
    files: Files = {}
    for start in range(0, n, per_sheet):
        lines = [HEAD.format(owner=owner), "objectives:\n"]
        for i in range(start, min(n, start + per_sheet)):
            lines.append(f"  - id: {id_of(i)}\n    title: Grow the base\n{extra(i)}    key_results:\n")
            lines.append(KR.format(n=1) + KR.format(n=2))
        files[f"2025-Q3/{owner}-{start // per_sheet}.yaml"] = "".join(lines)
    return files


def same_objective_id(n: int) -> Files:
    return objectives(n, lambda i: "O1")


def same_id_across_sheets(n: int) -> Files:
    """`n` sheets of one owner and period, each with an objective O1."""
    return objectives(n, lambda i: "O1", per_sheet=1)


def same_key_result_id(n: int) -> Files:
    krs = "".join(KR.format(n=1) for _ in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n" + krs}


def same_kpi_id(n: int) -> Files:
    kpis = "".join("  - id: K1\n    title: Cost per lead\n    target: '<= 10'\n" for _ in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "kpis:\n" + kpis}


def long_numbered_ids(n: int) -> Files:
    """Two objectives whose id is a long run of digits: the free-id suggestion reads it."""
    digits = "1" * (n * 10)
    return objectives(2, lambda i: f"O{digits}") | objectives(2, lambda i: f"{digits}x", owner="sales")


def unknown_parents(n: int) -> Files:
    """`n` company objectives, and `n` team objectives whose parents all miss (did you mean?)."""
    company = objectives(n, lambda i: f"C{i}", owner="company")
    team = objectives(n, lambda i: f"O{i}", lambda i: f"    parent: company/X{i}q\n")
    return company | team


def many_periods(n: int) -> Files:
    """`n` sheets of distinct months, each with a parent that resolves nowhere."""
    files: Files = {}
    for i in range(n):
        period = f"{1900 + i // 12}-{i % 12 + 1:02d}"
        files[f"p/{i}.yaml"] = (
            f"period: {period}\nowner: growth\nobjectives:\n  - id: O1\n    title: Grow\n"
            f"    parent: company/O{i}\n    key_results:\n" + KR.format(n=1) + KR.format(n=2)
        )
    return files


def chain(n: int, loop: bool) -> Files:
    """`n` owners, one sheet and one objective each, each objective the parent of the one
    before it (and the first of the last with `loop`)."""
    files: Files = {}
    for i in range(n):
        parent = f"    parent: team{(i + 1) % n}/O1\n" if loop or i + 1 < n else ""
        files[f"2025-Q3/team{i}.yaml"] = (
            HEAD.format(owner=f"team{i}") + "objectives:\n  - id: O1\n    title: Grow the base\n"
            + parent + "    key_results:\n" + KR.format(n=1) + KR.format(n=2)
        )
    return files


def long_cycle(n: int) -> Files:
    return chain(n, loop=True)


def long_chain(n: int) -> Files:
    """A chain of parents `n` long, without a loop: the deepest tree `okr tree` can draw."""
    return chain(n, loop=False)


def many_suppressions(n: int) -> Files:
    lines = [HEAD.format(owner="growth"), "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"]
    for i in range(n):
        lines.append(f"      - id: KR{i}  # okr: disable=duplicate-id,vague-wording -- known\n")
        lines.append(f"        title: Improve signups {i}  # okr: disable=vague-wording\n        done: false\n")
    return {"s.yaml": "".join(lines)}


def long_suppression_line(n: int) -> Files:
    return {"s.yaml": HEAD.format(owner="growth") + "# okr: disable=a" + " " * (n * 20) + "x\n" + "# okr: disable=a" + ",a" * (n * 20) + "!\n"}


def many_kpis(n: int) -> Files:
    kpis = "".join(f"  - id: K{i}\n    title: Cost per lead {i}\n    target: '<= 10'\n    actual: 9\n" for i in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "kpis:\n" + kpis}


def many_check_ins(n: int) -> Files:
    days = "".join(f"          - {{date: 2025-{7 + i % 3:02d}-{1 + i % 28:02d}, value: {i % 100}, confidence: 0.5}}\n" for i in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"
            + KR.format(n=1) + "        current: 50\n        check_ins:\n" + days}


def bad_check_ins(n: int) -> Files:
    """`n` check-ins each with a misspelt `date`: as many unknown keys as missing ones."""
    days = "".join(f"          - {{dat: 2025-07-01, value: {i}}}\n" for i in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"
            + KR.format(n=1) + "        check_ins:\n" + days}


def long_titles(n: int) -> Files:
    """Titles built to make word-matching regexes backtrack."""
    titles = [
        "step" + " -" * (n * 20) + " x",
        "tối " * (n * 10),
        "improve" + "-" * (n * 40) + "d",
        "a" * (n * 40),
        "1," * (n * 20) + "x",
        "increase " + " " * (n * 40) + "x",
        "cai " * (n * 10) + "thie",
    ]
    lines = [HEAD.format(owner="growth"), "objectives:\n"]
    for i, title in enumerate(titles):
        lines.append(f"  - id: O{i}\n    title: '{title}'\n    key_results:\n")
        lines.append(f"      - id: KR1\n        title: '{title}'\n        done: false\n")
    return {"s.yaml": "".join(lines)}


def blank_runs_in_values(n: int, locale: str = "en") -> Files:
    """Values with a long run of blanks (or no-break spaces) between their parts: a leading
    `\\s*` retried at every position, or two side by side, makes reading them quadratic."""
    pad, nbsp = " " * (n * 40), "\u00a0" * (n * 40)
    written = [f"20{pad}x", f"5{pad}k", f"5{pad}%x", f"5{nbsp}x", f"-{pad}x", f"${pad}${pad}5", f"5{pad}..{pad}6 x", f"5{pad}", f"5 a{pad}1", f"1,{pad}x"]
    lines = [HEAD.format(owner="growth"), "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"]
    for i, value in enumerate(written):
        lines.append(f"      - id: KR{i}\n        title: Signups reach 100\n        start: 0\n        target: '{value}'\n        current: '{value}'\n")
    return {"s.yaml": "".join(lines), ".okr.yaml": f"number_locale: {locale}\n"}


def blank_runs_in_vi_values(n: int) -> Files:
    return blank_runs_in_values(n, "vi")


def duplicate_keys(n: int) -> Files:
    return {"s.yaml": HEAD.format(owner="growth") + "".join(f"title: {i}\n" for i in range(n))}


def deep_nesting(n: int) -> Files:
    """`n` values nested 30 levels deep (the limit is 32), under an unknown key."""
    deep = "".join("{a: " for _ in range(29)) + "1" + "}" * 29
    return {"s.yaml": HEAD.format(owner="growth") + "extra:\n" + "".join(f"  - {deep}\n" for _ in range(n))}


def open_key_results(n: int) -> Files:
    """`n` open key results with no check-in, in git: stale-check-in reads their history."""
    files = objectives(n, lambda i: f"O{i}", per_sheet=n)
    return {path: text.replace("target: 100\n", "target: 100\n        current: 50\n") for path, text in files.items()}


def unknown_keys(n: int) -> Files:
    keys = "".join(f"    tittle{i}: x\n" for i in range(n))
    return {"s.yaml": HEAD.format(owner="growth") + "objectives:\n  - id: O1\n    title: Grow\n" + keys}


SHAPES: dict[str, tuple[Callable[[int], Files], str, float]] = {
    # name: (repository of size n, command, n for --size 1000); "in git" shapes are committed
    "same objective id": (same_objective_id, "check", 2),
    "same id across sheets": (same_id_across_sheets, "check", 1),
    "same key result id": (same_key_result_id, "check", 2),
    "same KPI id": (same_kpi_id, "check", 2),
    "long numbered ids": (long_numbered_ids, "check", 1),
    "parents to nowhere": (unknown_parents, "check", 1),
    "many periods": (many_periods, "check", 1),
    "long cycle": (long_cycle, "check", 2),
    "long chain: check": (long_chain, "check", 2),
    "long chain: tree": (long_chain, "tree 2025-Q3", 2),
    "long chain: score": (long_chain, "score 2025-Q3", 2),
    "long chain: report": (long_chain, "report 2025-Q3", 2),
    "many suppressions": (many_suppressions, "check", 2),
    "long suppression line": (long_suppression_line, "check", 1),
    "many KPIs": (many_kpis, "check", 2),
    "many check-ins": (many_check_ins, "check", 2),
    "misspelt check-in dates": (bad_check_ins, "check", 1),
    "long titles": (long_titles, "check", 1),
    "blank runs in values": (blank_runs_in_values, "check", 1),
    "blank runs in values: score": (blank_runs_in_values, "score 2025-Q3", 1),
    "blank runs in vi values": (blank_runs_in_vi_values, "check", 1),
    "duplicate keys": (duplicate_keys, "check", 4),
    "deep nesting": (deep_nesting, "check", 1),
    "unknown keys": (unknown_keys, "check", 2),
    "open key results, in git": (open_key_results, "check", 1),
}


def write(root: Path, files: Files, commit: bool = False) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if commit:
        env = {**os.environ, "GIT_AUTHOR_DATE": "2025-07-01T12:00:00", "GIT_COMMITTER_DATE": "2025-07-01T12:00:00"}
        for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "sheets"]):
            subprocess.run(["git", "-C", str(root), *command], check=True, env=env)
    return root


def timed(command: str, repo: Path, tiny: Path) -> tuple[int, float]:
    env = {**os.environ, "OKR_NO_CACHE": "1", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", PROBE, command, str(repo), str(tiny)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{command} in {repo} failed: {done.stderr[-2000:]}")
    code, elapsed = done.stdout.split()
    return int(code), float(elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--factor", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    print(f"{'shape':28} {'n':>7} {'time':>8} {'n×' + str(args.factor):>8} {'time':>8} {'ratio':>6}  exit")
    with tempfile.TemporaryDirectory() as work:
        tiny = write(Path(work) / "tiny", same_objective_id(2))
        for name, (shape, command, scale) in SHAPES.items():
            if args.only and not any(word in name for word in args.only):
                continue
            small = int(args.size * scale)
            times, codes = [], []
            for n in (small, small * args.factor):
                folder = Path(work) / f"{name.replace(' ', '-').replace(':', '').replace(',', '')}-{n}"
                repo = write(folder, shape(n), commit=name.endswith("in git"))
                runs = [timed(command, repo, tiny) for _ in range(args.repeat)]
                codes.append(runs[0][0])
                times.append(min(elapsed for _, elapsed in runs))
            ratio = times[1] / times[0] if times[0] > 0 else float("inf")
            print(f"{name:28} {small:>7} {times[0]:>7.2f}s {small * args.factor:>8} {times[1]:>7.2f}s {ratio:>6.1f}  {codes}", flush=True)


if __name__ == "__main__":
    main()
