"""Columns of an import: how a cell becomes a field value, or a precise reason why not.

Parsers are plain functions over the cell value (str, float, int, date … as calamine or the
CSV reader give it). They are written for speed: a 50,000-row file goes through them in
about a second, which rules out a Django form per row (see docs/adr/0004-import-engine.md).
The limits (max length, decimal places, choices, minimum) come from the model field, so the
import and the form enforce the same rules.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from gaoxin.core.text import control_error


class CellError(Exception):
    """A cell's value is wrong; the message is shown as 第N行 · 列名 · message."""


EMPTY = ("", None)
THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
FORMULA_LIKE = re.compile(r"^[=+\-@].*[|(!]|^=")
DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def shown(value: Any) -> str:
    """A cell value as the user typed it (Excel's 5 arrives as 5.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def clean_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if message := control_error(text):
        raise CellError(message)
    if text and text[0] in "=+-@" and FORMULA_LIKE.match(text):
        raise CellError(
            _("Looks like a spreadsheet formula (%(value)s); formulas are refused.") % {"value": shown(text)}
        )
    return text


def to_decimal(value: Any) -> Decimal | None:
    if value in EMPTY:
        return None
    if isinstance(value, bool):
        raise CellError(_("Should be a number, found %(value)s.") % {"value": value})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    if text == "":
        return None
    if "," in text:  # thousands separators only where they belong: 1,234,567.89
        if not THOUSANDS.match(text):
            raise CellError(_("Should be a number, found “%(value)s”.") % {"value": shown(value)})
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Should be a number, found “%(value)s”.") % {"value": shown(value)}) from None
    if not number.is_finite():
        raise CellError(_("Should be a number, found “%(value)s”.") % {"value": shown(value)})
    return number


def parse_date(value: Any) -> datetime.date | None:
    if value in EMPTY:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in DATE_PATTERNS:
        if match := pattern.match(text):
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise CellError(_("Should be a date like 2024-12-31, found “%(value)s”.") % {"value": shown(value)})


@dataclass
class Column:
    """One column of an import file.

    ``key`` is the model field (or a virtual name a spec handles itself); ``label`` is the
    header written in templates. Headers are matched on the label in any UI language, on
    ``aliases`` and on ``key`` itself, so an API client can send English field names.
    """

    key: str
    label: str | Promise
    required: bool = False
    help: str | Promise = ""
    example: str = ""
    aliases: tuple[str, ...] = ()
    parse: Callable[[Any], Any] | None = None
    export: Callable[[Any], Any] | None = None
    width: int = 14
    text_format: bool = False  # write as text in templates (codes with leading zeros)
    choices_hint: Callable[[], list[str]] | None = None
    not_future: bool = False
    # Numbers in cells Excel formats as a percentage (0.138 shown as 13.8%) arrive ×100.
    percent_aware: bool = False
    model_field: Any = field(default=None, repr=False)

    def header_names(self) -> set[str]:
        from django.utils import translation

        names = {self.key, *self.aliases}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(self.label))
        return {normalize_header(n) for n in names}

    def bind(self, model) -> None:
        """Derive the parser and exporter from the model field when not given."""
        try:
            self.model_field = model._meta.get_field(self.key)
        except Exception:
            self.model_field = None
        if self.parse is None:
            self.parse = parser_for(self.model_field, not_future=self.not_future)
        if self.export is None:
            self.export = exporter_for(self.key, self.model_field)
        if self.choices_hint is None and self.model_field is not None and self.model_field.choices:
            self.choices_hint = lambda f=self.model_field: [str(label) for _value, label in f.choices]


def normalize_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return re.sub(r"[\s*＊:：()（）]", "", text)


# --- parsers from model fields -----------------------------------------------------------


def parser_for(model_field, not_future: bool = False) -> Callable[[Any], Any]:
    if model_field is None:
        return clean_text
    if isinstance(model_field, models.DecimalField):
        return decimal_parser(model_field)
    if isinstance(model_field, models.IntegerField):
        return integer_parser(model_field)
    if isinstance(model_field, models.DateField):
        return date_parser(not_future)
    if isinstance(model_field, models.BooleanField):
        return parse_bool
    if model_field.choices:
        return choice_parser(model_field.choices)
    return text_parser(getattr(model_field, "max_length", None))


def bounds(model_field) -> tuple[Any, Any]:
    low = high = None
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value
    return low, high


def check_bounds(number, low, high, raw=None):
    shown_value = shown(raw if raw is not None else number)
    if low is not None and number < low:
        if low == 0:
            raise CellError(_("Must not be negative, found %(value)s.") % {"value": shown_value})
        raise CellError(_("Must be at least %(low)s, found %(value)s.") % {"low": low, "value": shown_value})
    if high is not None and number > high:
        raise CellError(
            _("Must be at most %(high)s, found %(value)s.") % {"high": high, "value": shown_value}
        )


def decimal_parser(model_field) -> Callable[[Any], Decimal | None]:
    places = model_field.decimal_places
    quantum = Decimal(1).scaleb(-places)
    limit = Decimal(10) ** (model_field.max_digits - places)
    low, high = bounds(model_field)

    def parse(value):
        number = to_decimal(value)
        if number is None:
            return None
        if number.adjusted() >= model_field.max_digits - places:
            raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)})
        try:
            rounded = number.quantize(quantum)
        except InvalidOperation:
            raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)}) from None
        # Floats from Excel carry binary noise (0.1 + 0.2); accept it, not real extra digits.
        if rounded != number and (not isinstance(value, float) or abs(rounded - number) > quantum / 1000):
            raise CellError(
                _("At most %(places)d decimal places, found %(value)s.")
                % {"places": places, "value": shown(value)}
            )
        if abs(rounded) >= limit:
            raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)})
        check_bounds(rounded, low, high, raw=value)
        return rounded

    return parse


def integer_parser(model_field) -> Callable[[Any], int | None]:
    low, high = bounds(model_field)
    if (
        isinstance(model_field, models.PositiveIntegerField | models.PositiveSmallIntegerField)
        and low is None
    ):
        low = 0

    def parse(value):
        number = to_decimal(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise CellError(_("Should be a whole number, found %(value)s.") % {"value": shown(value)})
        check_bounds(number, low, high, raw=value)
        return int(number)

    return parse


def date_parser(not_future: bool) -> Callable[[Any], datetime.date | None]:
    today = timezone.localdate()  # columns are bound per import

    def parse(value):
        day = parse_date(value)
        if day is not None and not_future and day > today:
            raise CellError(_("The date %(date)s is in the future.") % {"date": day.isoformat()})
        return day

    return parse


def text_parser(max_length: int | None) -> Callable[[Any], str]:
    def parse(value):
        text = clean_text(value)
        if max_length and len(text) > max_length:
            raise CellError(
                _("At most %(n)d characters, found %(found)d.") % {"n": max_length, "found": len(text)}
            )
        return text

    return parse


TRUE_WORDS = {"是", "1", "true", "yes", "y", "对", "√"}
FALSE_WORDS = {"否", "0", "false", "no", "n", "不是", "×", ""}


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = clean_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("Should be 是 or 否, found “%(value)s”.") % {"value": shown(value)})


def choice_parser(choices) -> Callable[[Any], str]:
    from django.utils import translation

    lookup, exact = {}, {}
    for value, label in choices:
        lookup[normalize_header(value)] = exact[value] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[normalize_header(str(label))] = exact[str(label)] = value

    def parse(value):
        text = clean_text(value)
        if text == "":
            return ""
        found = exact.get(text)  # most cells are written exactly as offered
        if found is not None:
            return found
        try:
            return lookup[normalize_header(text)]
        except KeyError:
            allowed = "、".join(str(label) for _v, label in choices)
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": shown(text), "allowed": allowed}
            ) from None

    return parse


def lookup_parser(table: dict[str, Any], what: str | Promise, hint: Callable[[], list[str]] | None = None):
    """Resolve a natural key (a park's name, a type's code) through a preloaded dict."""

    def parse(value):
        text = clean_text(value)
        if text == "":
            return None
        if text in table:  # keys are normalised; an exact hit skips the normalising
            return table[text]
        key = normalize_header(text)
        if key in table:
            return table[key]
        allowed = hint() if hint else []
        params = {"what": what, "value": shown(text), "allowed": "、".join(allowed[:12])}
        if allowed:
            raise CellError(_("%(what)s “%(value)s” does not exist; allowed: %(allowed)s.") % params)
        raise CellError(_("%(what)s “%(value)s” does not exist.") % params)

    return parse


# --- exporters ----------------------------------------------------------------------------


def exporter_for(key: str, model_field) -> Callable[[Any], Any]:
    if model_field is not None and model_field.choices:
        return lambda obj: getattr(obj, f"get_{key}_display")() if getattr(obj, key) else ""
    if model_field is not None and isinstance(model_field, models.BooleanField):
        return lambda obj: str(_("Yes")) if getattr(obj, key) else str(_("No"))
    return lambda obj: getattr(obj, key, "")
