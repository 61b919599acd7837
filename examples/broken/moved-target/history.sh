#!/bin/sh
# The git history this example is about, built in a copy of this folder (`sh history.sh`):
# the sheet committed on 2025-07-02 with KR1's target at 2400, then moved to 2000 on
# 2025-08-01, past the period's first 14 days. Fixed names and dates: the same commits,
# and so the same hashes, on every machine.
set -eu
export GIT_AUTHOR_NAME=okr GIT_AUTHOR_EMAIL=okr@example.com GIT_COMMITTER_NAME=okr GIT_COMMITTER_EMAIL=okr@example.com
sheet=2025-Q3/growth.yaml
git init -q -b main .
cp "$sheet" "$sheet.final"
sed -e 's/target: 2000$/target: 2400/' -e 's/reach 2000 a month/reach 2400 a month/' -e '/2025-08-11, value: 1710/d' "$sheet.final" > "$sheet"
git add .okr.yaml "$sheet"
GIT_AUTHOR_DATE=2025-07-02T10:00:00+07:00 GIT_COMMITTER_DATE=2025-07-02T10:00:00+07:00 git commit -q -m "Growth goals for 2025-Q3"
mv "$sheet.final" "$sheet"
GIT_AUTHOR_DATE=2025-08-01T10:00:00+07:00 GIT_COMMITTER_DATE=2025-08-01T10:00:00+07:00 git commit -q -am "Trial signups: aim for 2000"
