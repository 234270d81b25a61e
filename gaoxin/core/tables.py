"""Base table: one django-tables2 table per model serves the list page, the column
chooser and the list export (native Excel values, formulas defused by core.xlsx)."""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns import library
from django_tables2.utils import Accessor

from . import people
from .templatetags.gaoxin import grouped, money


class BaseTable(tables.Table):
    """Subclasses set ``Meta.model``, ``Meta.fields`` and ``Meta.default_columns``.

    ``default_columns`` are shown until the user picks others; ``export_<name>`` methods
    give a column's value in exports when the accessor alone does not.
    """

    class Meta:
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        orderable = True
        default_columns: tuple[str, ...] = ()

    def __init__(self, *args, visible_columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = visible_columns or getattr(self.Meta, "default_columns", ()) or ()
        if chosen:
            for column in self.columns.all():
                if column.name not in chosen and column.name not in self.always_visible():
                    self.columns.hide(column.name)

    def always_visible(self) -> set[str]:
        return set(getattr(self.Meta, "always_visible", ()))

    def choosable_columns(self) -> list[tuple[str, str, bool]]:
        return [
            (c.name, str(c.header), c.visible)
            for c in self.columns.all()
            if c.name not in self.always_visible()
        ]

    # --- export ---------------------------------------------------------------------------
    def export_columns(self) -> list:
        return [
            c for c in self.columns.all() if c.visible and not getattr(c.column, "exclude_from_export", False)
        ]

    def export_value(self, record, bound_column):
        # a table's own ``export_<column>``; a column named "value" or "columns" is no hook
        method = getattr(self, f"export_{bound_column.name}", None)
        if method is not None and bound_column.name not in {"value", "columns"}:
            return method(record)
        accessor = bound_column.accessor or Accessor(bound_column.name)
        try:
            value = accessor.resolve(record)
        except Exception:
            return ""
        if isinstance(bound_column.column, MoneyColumn):
            return native(bound_column.column.scaled(value))
        field = accessor.get_field(record._meta.model) if hasattr(accessor, "get_field") else None
        if field is not None and getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(value, value or ""))
        return native(value)


def native(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, int | float | Decimal | datetime.date | str):
        return value
    if hasattr(value, "get_full_name") and hasattr(value, "get_username"):
        return people.user_label(value)
    if isinstance(value, models.Manager):
        return "、".join(str(v) for v in value.all())
    return str(value)


WAN, YI = "wan", "yi"
UNIT_WORDS = {WAN: _("10k yuan"), YI: _("100M yuan")}
UNIT_MARKS = ("万元", "亿元", "万美元", "10k yuan", "100M yuan", "10k USD")


class MoneyColumn(tables.Column):
    """Amounts stored in 万元, right-aligned with thousands separators, the whole column in
    one unit (``unit=YI`` shows 亿元) named in its header: never "3.20 亿元" above "6,000.00 万元".
    The export writes the same unit as the header says."""

    def __init__(self, *args, unit: str = WAN, **kwargs):
        self.unit = unit
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    @property
    def header(self):
        name = self.verbose_name
        if name is None or any(mark in str(name) for mark in UNIT_MARKS):
            return name
        return f"{name}（{UNIT_WORDS[self.unit]}）"

    def scaled(self, value):
        if value in (None, "") or self.unit == WAN:
            return value
        return Decimal(value) / Decimal(10000)

    def render(self, value):
        return money(self.scaled(value))


class ChoiceBadgeColumn(tables.Column):
    """A choice field as a coloured badge; ``colors`` maps stored values to Tabler colours."""

    def __init__(self, *args, colors=None, **kwargs):
        self.colors = colors or {}
        super().__init__(*args, **kwargs)

    def render(self, value, record, bound_column):
        raw = bound_column.accessor.resolve(record)
        return format_html('<span class="badge bg-{}-lt">{}</span>', self.colors.get(raw, "secondary"), value)


def name_with_code(name, code):
    """A name first, its code after it as small secondary text (staff search by it)."""
    if not code or str(code) == str(name):
        return name
    return format_html('{} <small class="text-secondary">{}</small>', name, code)


class NameCodeColumn(tables.Column):
    """A related object shown by its name, with its code as small secondary text; ``code``
    names the attribute that holds the code (``full_code`` of an industry)."""

    def __init__(self, *args, code="code", name="name", **kwargs):
        self.code_attr, self.name_attr = code, name
        super().__init__(*args, **kwargs)

    def render(self, value):
        return name_with_code(getattr(value, self.name_attr, value), getattr(value, self.code_attr, ""))

    def value(self, value):
        return str(getattr(value, self.name_attr, value))


def is_user_field(field) -> bool:
    remote = getattr(getattr(field, "remote_field", None), "model", None)
    if remote is None:
        return False
    label = remote if isinstance(remote, str) else remote._meta.label
    return label in (settings.AUTH_USER_MODEL, "auth.User")


@library.register
class UserColumn(tables.Column):
    """A person by display name and department, never the login (every model field that
    points at a user gets this column)."""

    @classmethod
    def from_field(cls, field, **kwargs):
        if is_user_field(field) and not field.many_to_many:
            return cls(**kwargs)
        return None

    def render(self, value):
        return people.user_label(value)

    def value(self, value):
        return people.user_label(value)


@library.register
class DecimalColumn(tables.Column):
    """A Decimal field at its usual precision: the field's places, at most two (万元 amounts
    stored with four show ``3,000.00``), thousands separated, never an exponent; right-aligned."""

    def __init__(self, *args, places: int = 2, **kwargs):
        self.places = places
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DecimalField):
            return cls(places=min(field.decimal_places, 2), **kwargs)
        return None

    def render(self, value):
        return grouped(Decimal(value), self.places)


ACTIONS_HEADER = _("Actions")


# --- speed -------------------------------------------------------------------------------
# django-tables2 asks ``inspect.signature`` which arguments a column's render method takes,
# once per cell (call_with_appropriate) — a tenth of a list page's time. The answer depends
# only on the function's code and on whether it is bound, so it is kept per code object
# (a bounded number: the functions written in the tables). Other callables are asked as before.
_signature = tables_utils.signature
_signatures: dict = {}


def cached_signature(fn):
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is None or getattr(fn, "__wrapped__", None) is not None:
        return _signature(fn)
    key = (code, hasattr(fn, "__self__"))
    found = _signatures.get(key)
    if found is None:
        found = _signatures[key] = _signature(fn)
    return found


tables_utils.signature = cached_signature
