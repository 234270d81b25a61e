"""Template helpers shared by every page: money in 万元/亿元, query-string edits, badges."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
