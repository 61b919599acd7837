"""Time `okr check` side by side with check-jsonschema and yamllint on the same generated repos.

    pip install -e '.[bench]'
    python bench/run.py [--sheets 1000] [--small 100] [--memory 1000,10000] [--repeat 3]

Prints each timing (median of --repeat runs), okr's ratio against the peers, and okr's
peak memory. The targets, from the performance issue:

1. 1,000 sheets, cold cache: okr at least 2x faster than check-jsonschema (given `okr schema`);
2. 1,000 sheets, warm cache: at least 20x faster than check-jsonschema;
3. `okr check ONE_FILE` in a 100-sheet repo, warm: no slower than yamllint on that file;
4. okr's peak memory at 1,000 and 10,000 sheets, growing no faster than linearly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

# The installed `okr` script, as users and the pre-commit hook run it (peers run as theirs).
OKR = [shutil.which("okr") or "okr"]


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed


def median(command: list[str], cwd: Path, repeat: int, env_for_run: object = None) -> float:
    runs = []
    for n in range(repeat):
        env = env_for_run(n) if callable(env_for_run) else None
        runs.append(timed(command, cwd, env))
    return statistics.median(runs)


def sheets_of(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for p in repo.rglob("*.yaml") if not p.name.startswith("."))


def peak_memory_mb(repo: Path, cache: Path) -> float:
    """okr's peak RSS for a cold `okr check`, measured in a fresh process of its own."""
    probe = (
        "import resource, subprocess, sys, os;"
        f"subprocess.run({OKR + ['check']!r}, stdout=subprocess.DEVNULL, env={{**os.environ, 'XDG_CACHE_HOME': {str(cache)!r}}});"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def fresh_cache(work: Path) -> object:
    def env(n: int) -> dict[str, str]:
        folder = work / f"cold-cache-{time.monotonic_ns()}-{n}"
        return {"XDG_CACHE_HOME": str(folder)}

    return env


def line(label: str, seconds: float) -> None:
    print(f"  {label:<58} {seconds * 1000:9.0f} ms")


def ratio(label: str, peer: float, okr: float, target: float) -> bool:
    value = peer / okr
    verdict = "ok" if value >= target else "MISSED"
    print(f"  {label:<58} {value:8.1f}x  (target >= {target:g}x: {verdict})")
    return value >= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--memory", default="1000,10000", help="sheet counts to measure peak memory at")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated repos")
    args = parser.parse_args()
    for tool in ("check-jsonschema", "yamllint"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed: pip install -e '.[bench]'")
    work = Path(tempfile.mkdtemp(prefix="okr-bench-"))
    try:
        ok = run(work, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def run(work: Path, args: argparse.Namespace) -> bool:
    big, small = work / f"repo-{args.sheets}", work / f"repo-{args.small}"
    generate(big, args.sheets)
    generate(small, args.small)
    schema = work / "okr-sheet.schema.json"
    schema.write_bytes(subprocess.run(OKR + ["schema"], check=True, capture_output=True).stdout)
    files = sheets_of(big)
    print(f"{len(files)} sheets of ~{sum(1 for _ in open(big / files[1], encoding='utf-8'))} lines; median of {args.repeat} runs")
    cold = median(OKR + ["check"], big, args.repeat, fresh_cache(work))
    warm_env = {"XDG_CACHE_HOME": str(work / "warm-cache")}
    timed(OKR + ["check"], big, warm_env)
    warm = median(OKR + ["check"], big, args.repeat, lambda n: warm_env)
    peer = median(["check-jsonschema", "--schemafile", str(schema), *files], big, args.repeat)
    yamllint_all = median(["yamllint", *files], big, 1)
    line(f"okr check, {len(files)} sheets, cold cache", cold)
    line(f"okr check, {len(files)} sheets, warm cache", warm)
    line(f"check-jsonschema (okr schema), {len(files)} sheets", peer)
    line(f"yamllint (default config), {len(files)} sheets", yamllint_all)
    one = sheets_of(small)[len(sheets_of(small)) // 2]
    small_env = {"XDG_CACHE_HOME": str(work / "small-cache")}
    timed(OKR + ["check", one], small, small_env)
    hook = median(OKR + ["check", one], small, args.repeat, lambda n: small_env)
    yamllint_one = median(["yamllint", one], small, args.repeat)
    line(f"okr check ONE_FILE in a {args.small}-sheet repo, warm", hook)
    line("yamllint ONE_FILE", yamllint_one)
    print("ratios (peer time / okr time):")
    results = [
        ratio("1. cold, vs check-jsonschema", peer, cold, 2),
        ratio("2. warm, vs check-jsonschema", peer, warm, 20),
        ratio("3. pre-commit case, vs yamllint on one file", yamllint_one, hook, 1),
        ratio("   cold, vs yamllint (information)", yamllint_all, cold, 0),
    ]
    return memory(work, args) and all(results)


def memory(work: Path, args: argparse.Namespace) -> bool:
    print("4. okr peak memory, cold:")
    points = []
    for count in (int(n) for n in args.memory.split(",") if n.strip()):
        repo = work / f"memory-{count}"
        generate(repo, count)
        peak = peak_memory_mb(repo, work / f"memory-cache-{count}")
        points.append((count, peak))
        print(f"  {count:>6} sheets: {peak:7.1f} MB  ({peak * 1024 / count:6.1f} KB per sheet)")
        shutil.rmtree(repo, ignore_errors=True)
    if len(points) < 2:
        return True
    (n1, m1), (n2, m2) = points[0], points[-1]
    linear = m2 <= m1 * (n2 / n1)
    print(f"  growth {m2 / m1:.1f}x for {n2 / n1:.0f}x the sheets: {'at most linear' if linear else 'FASTER THAN LINEAR'}")
    return linear


if __name__ == "__main__":
    raise SystemExit(main())
