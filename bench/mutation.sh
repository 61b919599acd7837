#!/usr/bin/env bash
# Mutation testing of the scoring core with mutmut: does every small change to
# okrcli/scoring.py, okrcli/kpis.py and okrcli/periods.py make one of their tests fail?
#
#     bash bench/mutation.sh [WORKDIR]      # about 15 minutes on 2 cores; not part of CI
#
# It works on a copy of the committed tree (HEAD) in WORKDIR (default: a new temporary
# folder), never in this checkout: mutmut writes a `mutants/` copy and a cache next to the
# code. The copy gets a virtual environment with the test extra and mutmut, but no install
# of okr itself, so that the tests import mutmut's mutated copy. It ends with mutmut's
# list of the mutants no test killed; `.venv/bin/mutmut show NAME` in WORKDIR shows one.
#
# About 40 survivors are known to be equivalent (no input can tell them apart): the default
# `locale="en"` replaced by another non-"vi" string, `and` turned into `or` inside the asserts
# that only narrow types, `<` turned into `<=` where equality was handled just before, and
# branches no sheet can reach (a milestone never has a target, a KPI has a target or done:).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d -t okr-mutation.XXXXXX)}"
mkdir -p "$work"
git archive HEAD | tar -x -C "$work"
cd "$work"
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]' mutmut
.venv/bin/pip uninstall -q -y okrcli
cat > setup.cfg <<'EOF'
[mutmut]
source_paths = okrcli
only_mutate =
    okrcli/scoring.py
    okrcli/kpis.py
    okrcli/periods.py
pytest_add_cli_args_test_selection =
    tests/test_scoring.py
    tests/test_kpis.py
    tests/test_score_edges.py
    tests/test_periods.py
    tests/test_score_cli.py
also_copy =
    examples
    okrcli
EOF
.venv/bin/mutmut run --max-children "$(nproc)" >mutmut-run.log 2>&1 || { tail -c 2000 mutmut-run.log; exit 1; }
echo "mutants in $work; survivors:"
.venv/bin/mutmut results
