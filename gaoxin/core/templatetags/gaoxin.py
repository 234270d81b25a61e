"""Template helpers shared by every page: money in 万元/亿元, query-string edits, badges."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value, places: int = 2) -> str:
    """A 万元 amount with thousands separators: ``1,234.50``; blank as an em dash."""
    if value in (None, ""):
        return "—"
    return number_format(Decimal(value), decimal_pos=places, use_l10n=False, force_grouping=True)


@register.filter
def yi(value, places: int = 2) -> str:
    """A 万元 amount shown in 亿元 (÷ 10,000)."""
    if value in (None, ""):
        return "—"
    return number_format(
        Decimal(value) / Decimal(10000), decimal_pos=places, use_l10n=False, force_grouping=True
    )


@register.filter
def money_unit(value) -> str:
    """万元 below 1 亿, 亿元 from there: ``1,234.50 万元`` / ``12.35 亿元``."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    if abs(value) >= 10000:
        return f"{yi(value)} {_('100M yuan')}"
    return f"{money(value)} {_('10k yuan')}"


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
