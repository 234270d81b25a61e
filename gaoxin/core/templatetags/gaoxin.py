"""Template helpers shared by every page: money in 万元/亿元, query-string edits, badges."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from gaoxin.core import people

register = template.Library()


def grouped(value: Decimal, places: int) -> str:
    """``1,234.50``: rounded half up (as statistics are), thousands separated.
    (``number_format`` groups only with ``USE_THOUSAND_SEPARATOR`` settings, which we don't set.)"""
    exponent = Decimal(1).scaleb(-int(places))
    return f"{value.quantize(exponent, ROUND_HALF_UP):,.{int(places)}f}"


@register.filter
def money(value, places: int = 2) -> str:
    """A 万元 amount with thousands separators: ``1,234.50``; blank as an em dash."""
    if value in (None, ""):
        return "—"
    return grouped(Decimal(value), places)


@register.filter
def yi(value, places: int = 2) -> str:
    """A 万元 amount shown in 亿元 (÷ 10,000)."""
    if value in (None, ""):
        return "—"
    return grouped(Decimal(value) / Decimal(10000), places)


@register.filter
def money_unit(value) -> str:
    """万元 below 1 亿, 亿元 from there: ``1,234.50 万元`` / ``12.35 亿元``."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    if abs(value) >= 10000:
        unit = _("100M yuan")
        return f"{yi(value)} {unit}"
    unit = _("10k yuan")
    return f"{money(value)} {unit}"


@register.simple_tag
def money_scale(*values) -> str:
    """One unit for amounts shown side by side (tiles, a summary line): ``yi`` when the largest
    reaches 1 亿元, else ``wan`` — never 亿元 next to 万元 (``{% money_scale a b c as scale %}``)."""
    amounts = [abs(Decimal(v)) for v in values if v not in (None, "")]
    return "yi" if amounts and max(amounts) >= 10000 else "wan"


@register.filter
def money_in(value, scale: str = "wan") -> str:
    """A 万元 amount in the unit ``money_scale`` chose: ``1,234.50 万元`` / ``12.35 亿元``."""
    if value in (None, ""):
        return "—"
    if scale == "yi":
        return f"{yi(value)} {_('100M yuan')}"
    return f"{money(value)} {_('10k yuan')}"


# The usual precision of a unit on the zone's reports: money and energy to two places,
# counts to none; a unit not listed has two.
UNIT_PLACES = {"人": 0, "个": 0, "家": 0, "项": 0, "名": 0, "件": 0, "位": 0}


def unit_places(unit: str) -> int:
    return UNIT_PLACES.get((unit or "").strip(), 2)


@register.filter
def num(value, unit: str = "") -> str:
    """A Decimal as a reader writes it, never with an exponent (``1E+1``): in a unit of measure
    at the unit's places (``3,000.00`` 万元, ``2,312.90`` 万千瓦时, ``35`` 人); a bare number or a
    percentage (targets, rates) whole when it is whole (``10``) and else to two places (``12.50``)."""
    if value in (None, ""):
        return "—"
    value, places = Decimal(value), unit_places(unit)
    if (unit or "").strip() in ("", "%") and value == value.to_integral_value():
        places = 0
    return grouped(value, places)


@register.filter
def num_unit(value, unit: str = "") -> str:
    """``num`` followed by the unit: ``15 %``, ``4,034.70 万元``."""
    if value in (None, ""):
        return "—"
    return f"{num(value, unit)} {unit}".strip()


@register.filter
def user_label(user) -> str:
    """A person by display name and department, never by login (core.people)."""
    return people.user_label(user)


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag
def badge(text, color="secondary"):
    return format_html('<span class="badge bg-{}-lt">{}</span>', color, text)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def table_rows(context, table) -> str:
    """The ``<tr>`` rows of a django-tables2 table, as its template would render them with
    ``{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }} data-label=…>``,
    but with each column's cell attributes and label worked out once per column instead of
    once per cell (the same HTML; a list page's table is most of its rendering time). A
    column whose cell attributes are callables (per record) still gets them per cell."""
    from django.template.base import render_value_in_context
    from django.utils.html import strip_tags
    from django.utils.safestring import mark_safe

    columns = list(table.columns)
    if not columns:
        return ""
    fixed: dict[str, str | None] = {}
    labels = {}
    for column in columns:
        attrs = {**table.attrs, **column.column.attrs}
        cell = attrs.get("td", attrs.get("cell", {}))
        column.current_value = column.current_record = None
        fixed[column.name] = None if any(callable(v) for v in cell.values()) else column.attrs["td"].as_html()
        labels[column.name] = conditional_escape(strip_tags(str(column.header)))
    out = []
    for row in table.paginated_rows:
        cells = []
        for column in columns:
            value = row.get_cell(column.name)
            td = fixed[column.name]
            if td is None:
                column.current_value, column.current_record = value, row.record
                td = column.attrs["td"].as_html()
            cells.append(
                f'<td {td} data-label="{labels[column.name]}">{render_value_in_context(value, context)}</td>'
            )
        out.append(f"<tr {row.attrs.as_html()}>\n        {''.join(cells)}\n      </tr>")
    return mark_safe("\n      ".join(out))
