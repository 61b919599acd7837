"""Update the Vietnamese catalog from the code, and compile it.

    python scripts/catalog.py            # extract, merge into okr.po, compile okr.mo
    python scripts/catalog.py --check    # exit 1 when okr.po or okr.mo is out of date

Every message marked with `_()`, `N_()` or `ngettext()` in the package, and every rule's
documentation (each paragraph of its module docstring, shown by `okr rules`; see
`okrcli.lint.rules.docs`), becomes an entry of `okrcli/locale/vi/LC_MESSAGES/okr.po`. New entries arrive untranslated; entries whose English
changed a little arrive fuzzy, with the old translation: translate, remove the `fuzzy` flag,
and run the script again to compile `okr.mo` (committed beside the .po). Needs Babel (the
test extra).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "okrcli"
CATALOG = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "okr.po"
COMPILED = CATALOG.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Every message of the package."""
    catalog = Catalog(project="okr", domain="okr")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(f"okrcli/{filename}", lineno)], auto_comments=comments, context=context)
    add_rule_docs(catalog)
    return catalog


def add_rule_docs(catalog: Catalog) -> None:
    """Each paragraph of each rule's docstring: no `_()` marks a docstring."""
    from okrcli.lint.rules import RULES
    from okrcli.lint.rules.docs import messages

    for rule_id, module in RULES.items():
        path = "okrcli/" + Path(str(module.__file__)).resolve().relative_to(PACKAGE).as_posix()
        note = f"A paragraph of the documentation of rule {rule_id} (okr rules {rule_id}); keep `code` as written."
        for message, line in messages(module):
            catalog.add(message, None, [(path, line)], auto_comments=[note])


def read_catalog() -> Catalog:
    with open(CATALOG, "rb") as file:
        return read_po(file, locale="vi", domain="okr")


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False)
    return buffer.getvalue()


def updated() -> Catalog:
    catalog = read_catalog()
    created = catalog.creation_date  # the header keeps its dates: a rerun changes nothing
    catalog.update(template(), no_fuzzy_matching=False, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()  # an entry the code no longer has is gone for good
    return catalog


def main(argv: list[str]) -> int:
    catalog = updated()
    text, binary = po_text(catalog), compiled(catalog)
    if "--check" in argv:
        stale = CATALOG.read_bytes() != text or COMPILED.read_bytes() != binary
        print("the catalog is out of date: run python scripts/catalog.py" if stale else "the catalog is up to date")
        return 1 if stale else 0
    CATALOG.write_bytes(text)
    COMPILED.write_bytes(binary)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    print(f"{CATALOG.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
