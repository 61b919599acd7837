"""Time every command on generated repos of two sizes, and okr check beside check-jsonschema.

    pip install -e '.[bench]'
    python bench/run.py [--sizes 1000,4000] [--repeat 3] [--memory 1000,10000] [--only-memory]
    python bench/run.py --time-machine [--sizes 1000] [--commits 50] [--repeat 3]

For each command (check, score, scorecard, tree, report --format html, history) and each
size: the median of --repeat runs with a cold cache (a new cache folder each run) and with a
warm one, as wall-clock time and as CPU time (user + system of okr and its workers). The
ratio of the large size to the small one must stay under 5x for 4x the sheets (linear is
4x); it is judged on CPU time, which other work on the machine does not inflate. Then:

- warm `okr score` against warm `okr check` at the small size (target: within 2x);
- cold `okr check` against check-jsonschema given `okr schema` (target: okr >= 4x faster);
- the peak memory (max RSS) of a cold `okr check` at each --memory size, per sheet
  (target: under 60 KB per sheet at 10,000 sheets).

The repos are git repositories of one commit, so `history` and staleness read real git.

`--time-machine` times only `okr score --as-of <a past day>` (the sheets as committed then,
git history cut there) beside `okr score` on the working tree, warm, in a repo of the first
--sizes sheets and --commits dated commits (target: within 3x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

# The installed `okr` script, as users and the pre-commit hook run it (peers run as theirs).
OKR = [shutil.which("okr") or "okr"]
COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "score": ["score"],
    "scorecard": ["scorecard", "team-00010"],
    "tree": ["tree"],
    "report": ["report", "--format", "html"],
    "history": ["history", "team-00010/O1/KR1"],
}
AS_OF = ["--as-of", "2025-08-15"]
LINEAR, LIMIT = 4.0, 5.0


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Timing:
    """One run: wall-clock seconds, and CPU seconds of the process and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def median(command: list[str], cwd: Path, repeat: int, env_for_run: Callable[[int], dict[str, str]]) -> Timing:
    runs = [timed(command, cwd, env_for_run(n)) for n in range(repeat)]
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def make_repo(folder: Path, sheets: int) -> Path:
    generate(folder, sheets)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-08-01T10:00:00", "GIT_COMMITTER_DATE": "2025-08-01T10:00:00"}
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "sheets"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)
    return folder


def sheets_of(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for p in repo.rglob("*.yaml") if not p.name.startswith("."))


def time_commands(work: Path, repo: Path, repeat: int) -> dict[tuple[str, str], Timing]:
    """(command, "cold" | "warm") → its median timing in `repo`."""
    found: dict[tuple[str, str], Timing] = {}
    for name, args in COMMANDS.items():
        command = OKR + args + AS_OF
        found[(name, "cold")] = median(command, repo, repeat, lambda n: {"XDG_CACHE_HOME": str(work / f"cold-{time.monotonic_ns()}")})
        warm = {"XDG_CACHE_HOME": str(work / f"warm-{repo.name}")}
        timed(command, repo, warm)
        found[(name, "warm")] = median(command, repo, repeat, always(warm))
    return found


def always(env: dict[str, str]) -> Callable[[int], dict[str, str]]:
    return lambda n: env


def show(label: str, t: Timing) -> None:
    print(f"  {label:<34} {t.wall * 1000:9.0f} ms wall {t.cpu * 1000:9.0f} ms cpu")


def scaling(small: int, large: int, timings: dict[int, dict[tuple[str, str], Timing]]) -> bool:
    print(f"scaling, {large} sheets against {small} ({large / small:g}x the sheets; at most {LIMIT:g}x allowed):")
    ok = True
    factor = large / small
    for key in timings[small]:
        a, b = timings[small][key], timings[large][key]
        cpu, wall = b.cpu / a.cpu, b.wall / a.wall
        good = cpu < LIMIT * factor / LINEAR
        ok = ok and good
        print(f"  {key[0] + ', ' + key[1]:<24} cpu {cpu:5.2f}x  wall {wall:5.2f}x  {'ok' if good else 'NOT LINEAR'}")
    return ok


def ratio(label: str, value: float, target: float, at_least: bool) -> bool:
    good = value >= target if at_least else value <= target
    print(f"  {label:<52} {value:6.2f}x  (target {'>=' if at_least else '<='} {target:g}x: {'ok' if good else 'MISSED'})")
    return good


def against_peers(work: Path, repo: Path, timings: dict[tuple[str, str], Timing], repeat: int) -> bool:
    schema = work / "okr-sheet.schema.json"
    schema.write_bytes(subprocess.run(OKR + ["schema"], check=True, capture_output=True).stdout)
    peer = median(["check-jsonschema", "--schemafile", str(schema), *sheets_of(repo)], repo, repeat, always({}))
    show(f"check-jsonschema, {len(sheets_of(repo))} sheets", peer)
    cold, warm_check, warm_score = timings[("check", "cold")], timings[("check", "warm")], timings[("score", "warm")]
    return all([
        ratio("cold okr check vs check-jsonschema (wall)", peer.wall / cold.wall, 4, True),
        ratio("cold okr check vs check-jsonschema (cpu)", peer.cpu / cold.cpu, 4, True),
        ratio("warm okr score / warm okr check (wall)", warm_score.wall / warm_check.wall, 2, False),
    ])


def peak_memory(work: Path, counts: list[int]) -> bool:
    print("peak memory of a cold okr check (max RSS, okr's own process):")
    ok = True
    for count in counts:
        repo = make_repo(work / f"memory-{count}", count)
        peak = max_rss_kb(OKR + ["check"] + AS_OF, repo, {"XDG_CACHE_HOME": str(work / f"memory-cache-{count}")})
        ok = ok and (count < 10_000 or peak / count < 60)
        print(f"  {count:>6} sheets: {peak / 1024:7.1f} MB  ({peak / count:5.1f} KB per sheet)")
        shutil.rmtree(repo, ignore_errors=True)
    return ok


def max_rss_kb(command: list[str], cwd: Path, env: dict[str, str]) -> int:
    """The peak RSS of `command` alone: measured from a fresh process whose only child it is
    (RUSAGE_CHILDREN holds the largest of the children waited for)."""
    probe = (
        "import os, resource, subprocess, sys;"
        f"subprocess.run({command!r}, stdout=subprocess.DEVNULL, env={{**os.environ, **{env!r}}});"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    return int(subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="two sheet counts to compare")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", default="1000,10000", help="sheet counts to measure peak memory at ('' for none)")
    parser.add_argument("--only-memory", action="store_true", help="measure the peak memory only")
    parser.add_argument("--keep", action="store_true", help="keep the generated repos")
    parser.add_argument("--time-machine", action="store_true", help="only okr score --as-of a past day against the working tree")
    parser.add_argument("--commits", type=int, default=50, help="dated commits in the --time-machine repo")
    args = parser.parse_args()
    if args.time_machine:
        return time_machine(int(args.sizes.split(",")[0]), args)
    if shutil.which("check-jsonschema") is None:
        raise SystemExit("check-jsonschema is not installed: pip install -e '.[bench]'")
    small, large = (int(n) for n in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="okr-bench-"))
    try:
        return 0 if run(work, small, large, args) else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, small: int, large: int, args: argparse.Namespace) -> bool:
    memory = [int(n) for n in args.memory.split(",") if n.strip()]
    if args.only_memory:
        return peak_memory(work, memory)
    timings = {}
    for count in (small, large):
        repo = make_repo(work / f"repo-{count}", count)
        print(f"{count} sheets, median of {args.repeat} runs:")
        timings[count] = time_commands(work, repo, args.repeat)
        for (name, cache), t in timings[count].items():
            show(f"okr {name}, {cache} cache", t)
    ok = scaling(small, large, timings)
    ok = against_peers(work, work / f"repo-{small}", timings[small], args.repeat) and ok
    return (peak_memory(work, memory) if memory else True) and ok


def time_machine(sheets: int, args: argparse.Namespace) -> int:
    """`okr score --as-of` a past day (a commit's sheets, git history cut there) against
    `okr score` on the working tree, both with a warm cache."""
    work = Path(tempfile.mkdtemp(prefix="okr-bench-time-"))
    try:
        repo = work / "repo"
        generate(repo, sheets)
        dated_history(repo, args.commits)
        warm = always({"XDG_CACHE_HOME": str(work / "cache")})
        now, past = OKR + ["score", "2025-Q3"], OKR + ["score", "2025-Q3", "--as-of", "2025-08-01"]
        timed(now, repo, warm(0))
        timed(past, repo, warm(0))
        tree, moment = median(now, repo, args.repeat, warm), median(past, repo, args.repeat, warm)
        print(f"{sheets} sheets, {args.commits} commits; median of {args.repeat} runs, warm cache")
        show("okr score 2025-Q3 (working tree)", tree)
        show("okr score 2025-Q3 --as-of 2025-08-01", moment)
        good = ratio("as-of a past day / working tree, cpu", moment.cpu / tree.cpu, 3, at_least=False)
        return 0 if good else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def dated_history(repo: Path, commits: int) -> None:
    """`commits` commits a day apart from 2025-07-01, each changing one value in 20 sheets."""
    rng = random.Random(11)
    sheets = sheets_of(repo)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for n in range(commits):
        for relative in rng.sample(sheets, min(20, len(sheets))) if n else []:
            path = repo / relative
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r'current: "[^"]*"', f'current: "{1000 + n * 10 + rng.randrange(9)}"', text, count=1), encoding="utf-8")
        stamp = f"{dt.date(2025, 7, 1) + dt.timedelta(days=n)}T12:00:00+07:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(repo), *identity, "commit", "-q", "-m", f"day {n}"], check=True, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
