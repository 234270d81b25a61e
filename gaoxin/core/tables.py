"""Base table: one django-tables2 table per model serves the list page, the column
chooser and the list export (native Excel values, formulas defused by core.xlsx)."""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import Accessor

from .templatetags.gaoxin import money


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
    if isinstance(value, models.Manager):
        return "、".join(str(v) for v in value.all())
    return str(value)


class MoneyColumn(tables.Column):
    """万元 amounts, right-aligned with thousands separators."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money(value)


class ChoiceBadgeColumn(tables.Column):
    """A choice field as a coloured badge; ``colors`` maps stored values to Tabler colours."""

    def __init__(self, *args, colors=None, **kwargs):
        self.colors = colors or {}
        super().__init__(*args, **kwargs)

    def render(self, value, record, bound_column):
        raw = bound_column.accessor.resolve(record)
        return format_html('<span class="badge bg-{}-lt">{}</span>', self.colors.get(raw, "secondary"), value)


ACTIONS_HEADER = _("Actions")
