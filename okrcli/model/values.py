"""Read the numbers people write in sheets (SPEC 2.1 "Values").

A value is a YAML number or a string such as ``"120.000 VND"``, ``"1,33 triệu"``,
``">= 40%"`` or ``"95..99"``. Grouping and decimal marks follow the repo's
``number_locale``:

* ``en``: ``,`` groups thousands in threes and ``.`` is the decimal mark (``1,234.5``).
* ``vi``: a ``.`` followed by exactly three digits groups thousands (``120.000``); any other
  ``.`` or ``,`` is the decimal mark (``1.33``, ``8,5``, ``1.234,5``).

Scale words: ``k`` / ``nghìn`` / ``ngàn`` (10^3), ``M`` / ``tr`` / ``triệu`` (10^6), ``B`` /
``bn`` / ``tỷ`` / ``tỉ`` (10^9), matched as whole words in any case and with or without
diacritics (``TRIỆU``, ``trieu``, ``ty``, ``nghin``, decomposed accents), at most one per
value (``"1 tỷ tỷ"`` and ``"10 nghìn tỷ"`` are errors: a second scale word is more often a
slip than a wish for 10^18). So ``"5 m"`` is five million, as ``"5M"`` is: write ``mét`` or
``metres`` for a length.

A value is finite, has at most 18 significant digits and is below 10^18 in size; a number
so close to zero that it would read as 0 is refused too (it cannot be the number meant).
Numbers are kept exactly as read (a `Decimal`: a binary float holds only 15 to 17 digits, so
999,999,999,999,999,998 would become 10^18); scoring turns them into a float only once
the score itself is computed. A YAML float is the number its shortest form spells.

Corners the spec leaves open, decided so that no value silently loses a factor of 1000:
vi ``0.700`` is 0.7 (a leading 0 never groups); vi ``1234.567`` and ``1.234.5`` are
rejected (a group needs 1-3 digits before it; once ``.`` groups, the decimal mark is ``,``);
en ``0,700`` is rejected with the ``vi`` hint; a unit holds no digits (``5 to 7`` is an
error) and is written once; in a band a ``%``, scale word or unit written on one side
applies to both (``1–2 triệu``, ``95..99%``).

A misspelt scale word must not pass as a unit (``"950 trieuu"`` would read as 950), yet
real units sit one letter away from the short scale words (``km``, ``ms``, ``mm``, ``Mbps``
beside ``k``/``M``; ``tin``, ``try`` beside ``ti``/``tr``; ``ngày`` beside ``ngàn``;
``nghiên`` beside ``nghìn``). So a unit's first word is refused as a slip ("did you mean
triệu?") only when, compared without case and diacritics, it is a scale word of two or
more letters with one letter typed twice (``trieuu``, ``tyy``, ``nghinn``, ``bnn``) or,
from three letters on, with two neighbouring letters swapped (``treiu``, ``ngna``). The
one-letter words never have slips, and a dropped or changed letter (``triu``, ``tries``)
stays unit text. ``"12 tr/ngày"`` is 12 000 000 with the unit ``/ngày``: ``tr`` is a whole
word there.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from okrcli.i18n import N_, _
from okrcli.model.core_schema import LIMIT, MAX_DIGITS, OutOfRange, WrittenFloat, show

Locale = Literal["en", "vi"]

_COMPARATORS = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<"}
_COMPARATOR_RE = re.compile(r"(>=|<=|≥|≤|>|<)\s*")
# No pattern here starts with an optional run that a failed match would retry from every
# position (a leading \s* in split(), two \s* side by side): a value of 2 MiB of blanks
# must read in linear time. The blanks around a band's separator are stripped afterwards.
_BAND_SEP_RE = re.compile(r"\.\.|[–—]")
_CURRENCY = "$€£¥₫"
_SIGNS = "-+−"
_NUMBER_RE = re.compile(r"[0-9][0-9.,]*")
_EN_NUMBER_RE = re.compile(r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_MARK_RE = re.compile(r"([.,])")
# (?!\w) makes scale words whole tokens: "tr" in "trips", "k" in "km" stay unit text.
_WORD_RE = re.compile(r"\s*([^\W\d_]+)(?!\w)")
# Digits in a unit would hide a misread number ("5 to 7"), so a unit has none.
_UNIT_RE = re.compile(r"[^\d\s.,+\-−%<>=≥≤][^\d%]*")
# Scale words without case and diacritics (see `fold`), and how to write each one.
_SCALES = {"k": 3, "nghin": 3, "ngan": 3, "m": 6, "tr": 6, "trieu": 6, "b": 9, "bn": 9, "ty": 9, "ti": 9}
_SPELLED = {"nghin": "nghìn", "ngan": "ngàn", "trieu": "triệu", "ty": "tỷ", "ti": "tỉ"}
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity"})
# Why a value is refused and what to write instead, translated when the message is built.
_NOT_FINITE = (N_("only finite numbers are allowed (no nan, no infinity)"), N_("a number like 120000"))
_TOO_LARGE = (N_("a number must be smaller than 10^18 in size"), N_("a smaller number, e.g. in a larger unit"))
_TOO_PRECISE = (N_("a number has at most 18 significant digits"), N_("the number rounded to 18 digits or fewer"))
_TOO_SMALL = (N_("a number this close to zero would read as 0"), N_("the number in a smaller unit"))
_PREFIX_UNITS = frozenset("$€£¥")
_FAST_DIGITS = 15  # digit strings up to this length convert to float exactly


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed value: a single number (optionally with a comparator) or a band."""

    number: Decimal | None
    percent: bool = False
    comparator: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    raw: str = ""
    text: bool = False  # written as a string ("36%"), not as a YAML number (36)

    @property
    def written(self) -> str:
        """The value as YAML writes it, for messages: `0.36`, `"36%"`, `">= 1.000 USD"`."""
        return show(self.raw) if self.text else self.raw

    @property
    def is_band(self) -> bool:
        return self.low is not None and self.high is not None

    def display(self, locale: Locale = "en") -> str:
        """Short human form: ``>= 40%``, ``308,000`` (``308.000`` under vi), ``95..99``."""
        try:
            return _display(self, locale)  # a report shows the same values on many rows
        except TypeError:  # a signalling NaN has no hash
            return self._display(locale)

    def _display(self, locale: Locale) -> str:
        if self.low is not None and self.high is not None:
            text = f"{format_number(self.low, locale)}..{format_number(self.high, locale)}"
        else:
            text = "?" if self.number is None else format_number(self.number, locale)
        if self.percent:
            text += "%"
        text = _with_unit(text, self.unit)
        return f"{self.comparator} {text}" if self.comparator else text


@lru_cache(maxsize=4096)
def _display(value: Value, locale: Locale) -> str:
    """Equal values show alike: equal numbers have one normal form."""
    return value._display(locale)


class ValueSyntaxError(ValueError):
    """A value that cannot be read.

    str(err) is a one-line message that quotes the text and names the accepted forms, e.g.
    cannot read "12,34,5" as a number; write a number like 120000, "120.000"
    (number_locale: vi), "1,33 triệu", "8.5%", ">= 40%" or a band "95..99"
    """


class _Reject(Exception):
    """Raised inside the parser; parse_value turns it into one ValueSyntaxError message."""

    def __init__(self, reason: str = "", instead: str = "") -> None:
        super().__init__(reason)
        self.reason, self.instead = reason, instead


@dataclass(frozen=True, slots=True)
class _Quantity:
    mantissa: Decimal  # signed number as written, before any scale word
    exponent: int  # power of ten from scale words; 0 means none was written
    percent: bool
    unit: str | None


def parse_value(
    raw: object,
    *,
    locale: Locale = "en",
    allow_comparator: bool = False,
    allow_band: bool = False,
) -> Value:
    """Read a YAML number or a value string; raise ValueSyntaxError when it does not parse."""
    if isinstance(raw, str):
        # Most values in real sheets are plain digits: skip the regexes for them.
        if len(raw) <= _FAST_DIGITS and raw.isascii() and raw.isdigit():
            return _digits_cached(raw)
        return _parse_text_cached(raw, locale, allow_comparator, allow_band)
    return _parse_yaml_scalar(raw, allow_comparator, allow_band)


@lru_cache(maxsize=4096)
def _digits_cached(raw: str) -> Value:
    return Value(Decimal(raw), raw=raw, text=True)


@lru_cache(maxsize=4096)
def _parse_text_cached(raw: str, locale: Locale, allow_comparator: bool, allow_band: bool) -> Value:
    # Sheets repeat their values (targets, check-in figures) across thousands of files, and
    # a Value is immutable, so one parse serves them all.
    try:
        return _parse_text(raw, locale, allow_comparator, allow_band)
    except _Reject as reject:
        message = _message(_quote(raw), reject, allow_comparator, allow_band)
        raise ValueSyntaxError(message) from None


def _parse_yaml_scalar(raw: object, allow_comparator: bool, allow_band: bool) -> Value:
    if type(raw) in (int, float):  # numbers repeat across sheets too: one Value each (see below)
        written = "int" if type(raw) is int else f"float {raw!r}"  # an int may be too long to print
        return _parse_number_cached(written, raw, allow_comparator, allow_band)
    return _parse_yaml_number(raw, allow_comparator, allow_band)


@lru_cache(maxsize=4096)
def _parse_number_cached(written: str, raw: object, allow_comparator: bool, allow_band: bool) -> Value:
    # `written` (type and text) in the key: 1, 1.0 and True are equal, and so are 0.0 and
    # -0.0, but none is written like another (`Value.raw`).
    return _parse_yaml_number(raw, allow_comparator, allow_band)


def _parse_yaml_number(raw: object, allow_comparator: bool, allow_band: bool) -> Value:
    # bool is an int, and so is ruamel's ScalarBoolean (an anchored true/false): turn both
    # away before the int branch. Matched by name to keep this module free of ruamel.
    if isinstance(raw, bool) or type(raw).__name__ == "ScalarBoolean":
        reason = _("a true/false is not a number")
        instead = _("a number, or use `done: true` / `done: false` for a milestone")
        raise ValueSyntaxError(_message(show(raw), _Reject(reason, instead), False, False))
    try:
        return Value(_yaml_number(raw), raw=str(raw))
    except _Reject as reject:
        raise ValueSyntaxError(_message(_describe(raw), reject, allow_comparator, allow_band)) from None


def _yaml_number(raw: object) -> Decimal:
    """A YAML int or float within the limits; _Reject names the limit it breaks."""
    if isinstance(raw, OutOfRange):
        raise _out_of_range(raw.text)
    if isinstance(raw, int):
        if abs(raw) >= LIMIT:
            raise _Reject(*_TOO_LARGE)
        return Decimal(int(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Reject(*_NOT_FINITE)
        if abs(raw) >= LIMIT:
            raise _Reject(*_TOO_LARGE)
        if isinstance(raw, WrittenFloat):
            return Decimal(raw.text) + 0  # + 0 turns -0 into 0
        return Decimal(repr(raw + 0.0))  # + 0.0 turns -0.0 into 0.0; repr: 0.1 is 0.1
    raise _Reject()


def _out_of_range(text: str) -> _Reject:
    """Which limit a number the YAML loader could not hold breaks."""
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:  # 0x…, 0o…: only their size can be wrong
        return _Reject(*_TOO_LARGE)
    return _limit_reject(number) or _Reject(*_TOO_SMALL)


def _limit_reject(number: Decimal) -> _Reject | None:
    if not number.is_finite():
        return _Reject(*_NOT_FINITE)
    if _significant_digits(number) > MAX_DIGITS:
        return _Reject(*_TOO_PRECISE)
    if abs(number) >= LIMIT:
        return _Reject(*_TOO_LARGE)
    return None


def _significant_digits(number: Decimal) -> int:
    digits = "".join(map(str, number.as_tuple().digits)).strip("0")
    return len(digits)


def _parse_text(raw: str, locale: Locale, allow_comparator: bool, allow_band: bool) -> Value:
    text = unicodedata.normalize("NFC", raw.strip())
    if not text:
        raise _Reject(_("the value is empty"))
    if text.lstrip("+-−.").casefold() in _NOT_FINITE_WORDS:
        raise _Reject(*_NOT_FINITE)
    comparator, body = _split_comparator(text, allow_comparator)
    sides = [side.strip() for side in _BAND_SEP_RE.split(body)]
    if len(sides) > 1:
        return _parse_band(sides, text, comparator, locale, allow_band, raw)
    quantity = _read_quantity(body, locale, text)
    number = _exact(quantity.mantissa, quantity.exponent)
    return Value(number, quantity.percent, comparator, unit=quantity.unit, raw=raw, text=True)


def _split_comparator(text: str, allowed: bool) -> tuple[str | None, str]:
    match = _COMPARATOR_RE.match(text)
    if match is None:
        return None, text
    body = text[match.end() :]
    if not allowed:
        reason = _("comparators (>=, <=, >, <) are only allowed in target")
        raise _Reject(reason, _("a plain number like {number}").format(number=_quote(body)))
    return _COMPARATORS[match.group(1)], body


def _parse_band(
    sides: list[str], text: str, comparator: str | None, locale: Locale, allow_band: bool, raw: str
) -> Value:
    if not allow_band:
        raise _Reject(_("bands are only allowed in target"), _("a single number"))
    if comparator is not None:
        raise _Reject(_("a target is either a comparator or a band"), _('">= 95" or "95..99"'))
    if len(sides) != 2 or not all(sides):
        raise _Reject(_("a band has exactly two ends"), _('a band like "95..99"'))
    left, right = (_read_quantity(side, locale, text) for side in sides)
    # A scale word written once ("1–2 triệu") applies to both ends, like a %.
    scale = left.exponent or right.exponent
    low = _exact(left.mantissa, left.exponent or scale)
    high = _exact(right.mantissa, right.exponent or scale)
    if low > high:
        reason = _("the band's low end {low} is above its high end {high}").format(low=_quote(sides[0]), high=_quote(sides[1]))
        raise _Reject(reason, _quote(f"{sides[1]}..{sides[0]}"))
    unit = _one_unit(left.unit, right.unit) if left.unit != right.unit else left.unit
    return Value(None, left.percent or right.percent, low=low, high=high, unit=unit, raw=raw, text=True)


def _read_quantity(part: str, locale: Locale, text: str) -> _Quantity:
    pre, sign, pre2, start = _read_prefix(part)
    number = _NUMBER_RE.match(part, start)
    if number is None:
        raise _Reject()
    prefix = _one_unit(pre, pre2)
    mantissa = _read_number(number[0], locale, text)
    if sign in ("-", "−"):
        mantissa = -mantissa
    exponent, percent, suffix = _read_suffix(part[number.end() :], part[: number.end()])
    return _Quantity(mantissa, exponent, percent, _one_unit(prefix, suffix))


def _read_prefix(part: str) -> tuple[str | None, str | None, str | None, int]:
    """A currency, a sign and a currency before the digits, each optional and each followed
    by optional blanks (`$ -5`, `-$5`): one pass, where a regex of three `\\s*` side by side
    would retry every split of a long run of blanks."""
    found: list[str | None] = []
    pos = 0
    for allowed in (_CURRENCY, _SIGNS, _CURRENCY):
        char = part[pos : pos + 1]
        found.append(char if char and char in allowed else None)
        pos = _skip_blanks(part, pos + 1 if found[-1] else pos)
    return found[0], found[1], found[2], pos


def _skip_blanks(text: str, pos: int) -> int:
    return len(text) - len(text[pos:].lstrip()) if pos < len(text) and text[pos].isspace() else pos


def _read_suffix(rest: str, before: str) -> tuple[int, bool, str | None]:
    """Split what follows the digits into a scale word, a %, and unit text; `before` is
    the text up to the digits' end, for the suggestion when a scale word is mistyped."""
    pos, exponent = 0, 0
    word = _WORD_RE.match(rest)
    if word is not None and (power := _scale_power(word[1])):
        pos, exponent = word.end(), power
        if _starts_with_scale(rest[pos:]):
            reason = _("a value has at most one scale word (k, M, triệu, tỷ…)")
            raise _Reject(reason, _('one, e.g. "1.5 tỷ" or "1500 triệu"'))
    tail = rest[pos:].strip()
    percent = tail.startswith("%")
    if percent:
        tail = tail[1:].lstrip()
    if percent and (exponent or _starts_with_scale(tail)):
        reason = _("a percent cannot also have a scale word (k, M, triệu, tỷ…)")
        raise _Reject(reason, _('either "8.5%" or "1.5 triệu"'))
    if tail and not _UNIT_RE.fullmatch(tail):
        raise _Reject(_("unexpected {text} after the number").format(text=_quote(tail)))
    _refuse_slip(tail, before)
    return exponent, percent, tail or None


def _refuse_slip(unit: str, before: str) -> None:
    """A unit whose first word is a mistyped scale word would read the number 10^6 times
    too small: "950 trieuu" is refused with its correction."""
    word = _WORD_RE.match(unit)
    meant = _slip(word[1]) if word is not None else None
    if word is not None and meant is not None:
        corrected = f"{before.rstrip()} {meant}{unit[word.end() :]}"
        reason = _("{word} looks like a mistyped scale word (did you mean {meant}?)").format(word=_quote(word[1]), meant=meant)
        raise _Reject(reason, _quote(corrected))


def _scale_power(word: str) -> int | None:
    return _SCALES.get(fold(word))


@lru_cache(maxsize=1024)
def fold(word: str) -> str:
    """Case and diacritics off: TRIỆU, triệu, trieu and a decomposed triệu are one word."""
    decomposed = unicodedata.normalize("NFD", word.casefold()).replace("đ", "d")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _slip(word: str) -> str | None:
    """The scale word `word` mistypes (see the module docstring), spelled with its accents."""
    folded = fold(word)
    if len(folded) < 3 or folded in _SCALES:
        return None
    for scale in _SCALES:
        if len(scale) >= 2 and (_doubled(folded, scale) or _swapped(folded, scale)):
            return _SPELLED.get(scale, scale)
    return None


def _doubled(word: str, scale: str) -> bool:
    """`scale` with one of its letters typed twice."""
    if len(word) != len(scale) + 1:
        return False
    return any(word[i] == word[i + 1] and word[:i] + word[i + 1 :] == scale for i in range(len(scale)))


def _swapped(word: str, scale: str) -> bool:
    """`scale` with two neighbouring letters swapped."""
    if len(word) != len(scale):
        return False
    differ = [i for i, (a, b) in enumerate(zip(word, scale, strict=False)) if a != b]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and word[differ[0]] == scale[differ[1]] and word[differ[1]] == scale[differ[0]]


def _starts_with_scale(text: str) -> bool:
    word = _WORD_RE.match(text)
    return word is not None and _scale_power(word[1]) is not None


def _one_unit(first: str | None, second: str | None) -> str | None:
    if first and second:
        raise _Reject(_("the unit is written twice ({first}, {second})").format(first=first, second=second), _("the unit once"))
    return first or second


def _read_number(token: str, locale: Locale, text: str) -> Decimal:
    if locale == "vi":
        return _read_vi_number(token)
    if _EN_NUMBER_RE.fullmatch(token):
        return Decimal(token.replace(",", ""))
    if "," not in token:
        raise _Reject()
    raise _en_comma_reject(token, text)


def _en_comma_reject(token: str, text: str) -> _Reject:
    reason = _("under number_locale: en ',' groups thousands in threes (1,234,567.5)")
    try:
        as_decimal = format(_read_vi_number(token), "f")
    except _Reject:
        return _Reject(reason)
    suggestion = _quote(text.replace(token, as_decimal))
    return _Reject(reason, _("{suggestion} for a decimal, or set number_locale: vi in .okr.yaml to read ',' as the decimal mark").format(
        suggestion=suggestion))


def _read_vi_number(token: str) -> Decimal:
    """vi rules: '.' + exactly three digits groups; any other '.' or ',' is the decimal."""
    parts = _MARK_RE.split(token)
    whole, fraction, grouped = [parts[0]], "", False
    for mark, digits in zip(parts[1::2], parts[2::2], strict=False):
        if not digits:
            raise _Reject(_("'{mark}' must be followed by digits").format(mark=mark))
        if fraction:
            reason = _("under number_locale: vi a number has at most one decimal mark")
            raise _Reject(reason, _('"1.234.567" or "1.234,5"'))
        if mark == "." and len(digits) == 3 and not whole[0].startswith("0"):
            whole, grouped = _add_group(whole, digits, parts[0], token), True
        elif mark == "." and grouped:
            raise _Reject(_("once '.' groups thousands the decimal mark is ','"), '"1.234,5"')
        else:
            fraction = digits
    digits = "".join(whole)
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


def _add_group(whole: list[str], digits: str, first: str, token: str) -> list[str]:
    if len(first) > 3:
        reason = _("'.' followed by three digits groups thousands, so put 1 to 3 digits before it")
        whole_number, decimal = token.replace(".", ""), token.replace(".", ",")
        raise _Reject(reason, _('"{whole}" for a whole number or "{decimal}"').format(whole=whole_number, decimal=decimal))
    whole.append(digits)  # a list, not `whole + digits`: 1.000.000… stays linear in its length
    return whole


def _exact(mantissa: Decimal, exponent: int) -> Decimal:
    """The number as written, scale word applied: "1,33 triệu" is exactly 1330000."""
    reject = _limit_reject(mantissa) or _limit_reject(mantissa.scaleb(exponent))
    if reject is not None:
        raise reject
    if mantissa == 0:
        return Decimal(0)  # -0 is 0
    number = mantissa.scaleb(exponent)
    if float(number) == 0.0:  # a score computed from it would read it as 0
        raise _Reject(*_TOO_SMALL)
    return number


def _message(shown: str, reject: _Reject, allow_comparator: bool, allow_band: bool) -> str:
    # The reasons raised with values are translated where raised; the constants (N_) here.
    reason = f": {_(reject.reason)}" if reject.reason else ""
    instead = _(reject.instead) if reject.instead else _accepted_forms(allow_comparator, allow_band)
    return _("cannot read {value} as a number{reason}; write {instead}").format(value=shown, reason=reason, instead=instead)


def _accepted_forms(allow_comparator: bool, allow_band: bool) -> str:
    forms = ["120000", '"120.000" (number_locale: vi)', '"1,33 triệu"', '"8.5%"']
    if allow_comparator:
        forms.append('">= 40%"')
    if allow_band:
        forms.append(_('a band "95..99"'))
    return _("a number like {forms} or {last}").format(forms=", ".join(forms[:-1]), last=forms[-1])


def _quote(text: str) -> str:
    return show(text)


def _describe(raw: object) -> str:
    if raw is None:
        return _("an empty value (null)")
    kinds: dict[type, str] = {list: N_("the list {value}"), dict: N_("the mapping {value}")}
    kind = N_("the date {value}") if isinstance(raw, date) else kinds.get(type(raw))
    return _(kind).format(value=show(raw)) if kind else show(raw)


def format_number(number: Decimal | float, locale: Locale = "en") -> str:
    """`1,234.5` under en; `1.234,5` under vi, as Vietnamese teams write it; every digit of
    the number and no exponent (`0.00005`, not `5e-05`)."""
    text = _format_number(number)
    return text.translate(_VI_MARKS) if locale == "vi" else text


_VI_MARKS = str.maketrans({",": ".", ".": ","})


def _format_number(number: Decimal | float) -> str:
    exact = number if isinstance(number, Decimal) else Decimal(repr(number))
    if exact == 0:
        return "0"
    return f"{exact.normalize():,f}"


def plain_number(number: Decimal) -> str:
    """The number in JSON's and a spreadsheet's form: `1234.5`, `0.00005`, `-3`, never an
    exponent, every digit read."""
    return "0" if number == 0 else f"{number.normalize():f}"


def _with_unit(text: str, unit: str | None) -> str:
    if unit is None:
        return text
    if unit in _PREFIX_UNITS:
        return f"{unit}{text}"
    return f"{text}{unit}" if unit == "₫" else f"{text} {unit}"
