"""Names for codes other tables store as text (a registry company's region, a chain node's
GB/T 4754 classes): pages show the name, the code only as secondary text (issue 11 item 3)."""

import re

from .models import Industry, Region


def region_names(codes) -> dict[str, str]:
    """code → full name (``上海市浦东新区``) for the given six-digit codes, in one query."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    return {region.code: region.full_name for region in Region.objects.filter(code__in=wanted)}


def industries_for_codes(text: str) -> list[Industry]:
    """The industries named by a list of codes (``3630, 3841`` or ``C3630``), in the list's order."""
    codes = [code.lstrip("ABCDEFGHIJKLMNOPQRST") for code in re.split(r"[\s,，、;；]+", text or "") if code]
    found = Industry.objects.in_bulk(codes)
    return [found[code] for code in codes if code in found]
