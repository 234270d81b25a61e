"""统一社会信用代码 (GB 32100-2015): normalise, check, decode, generate.

Our own 30 lines rather than python-stdnum's ``cn.uscc``: stdnum insists that positions
1-8 are digits (rejecting legal codes whose authority or category character is a letter),
answers in English, and cannot express the pilot-format rule below (domain-rules.md §11).

Positions: 1 registration authority, 2 organisation category, 3-8 GB/T 2260 region of the
registering authority (at registration time), 9-17 subject identifier (GB 11714), 18 check
character. Alphabet: digits and capitals without I, O, S, V, Z; weights 3^(i-1) mod 31.
"""

import operator
import random
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {char: index for index, char in enumerate(ALPHABET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
# GB 11714 organisation code: weights and alphabet of its own check character (position 17).
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

# Position 1 (registration authority) → the categories allowed in position 2 (GB 32100-2015 annex A,
# domain-rules §11). Verified rows are enforced; ``None`` means any category (authority Y, "other").
AUTHORITY_CATEGORIES: dict[str, str | None] = {"1": "1239", "5": "1239", "9": "123", "Y": None}
# Authorities known only from memory (domain-rules §11: not verified): accepted with a warning.
AUTHORITIES_FROM_MEMORY = frozenset("234678AN")
# Characters that are invisible on screen but arrive with pasted codes (zero-width space, BOM …).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalize(raw: object) -> str:
    """Full-width to half-width (NFKC), drop spaces and dashes, upper-case."""
    text = str(raw or "")
    if text.isascii() and text.isalnum():
        return text.upper()  # the usual case, 20x faster
    text = unicodedata.normalize("NFKC", text.translate(INVISIBLE))
    return "".join(
        ch for ch in text if not ch.isspace() and ch not in "-－" and unicodedata.category(ch) != "Cf"
    ).upper()


def check_character(first17: str) -> str:
    total = sum(map(operator.mul, map(VALUES.__getitem__, first17), WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


@dataclass
class UsccCheck:
    code: str
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def region_code(self) -> str:
        return self.code[2:8] if len(self.code) == 18 else ""


def is_pilot_region(code: str) -> bool:
    return any(code[2:8].startswith(prefix) for prefix in settings.USCC_PILOT_PREFIXES)


def check(raw: object) -> UsccCheck:
    """Normalise ``raw`` and check it; the message says exactly what is wrong."""
    code = normalize(raw)
    result = UsccCheck(code=code)
    if not code:
        result.error = _("The credit code is empty.")
    elif len(code) != 18:
        result.error = _("A credit code has 18 characters; this one has %(n)d.") % {"n": len(code)}
    elif bad := sorted({ch for ch in code if ch not in VALUES}):
        result.error = _(
            "Character(s) %(chars)s are not allowed (the letters I, O, S, V, Z are never used)."
        ) % {"chars": "、".join(bad)}
    elif authority_error := check_authority(code, result.warnings):
        result.error = authority_error
    elif not code[2:8].isdigit():
        result.error = _("Positions 3-8 must be the 6-digit region code; found %(part)s.") % {
            "part": code[2:8]
        }
    elif (expected := check_character(code[:17])) != code[17]:
        message = _("Check character is wrong: the last character should be %(expected)s, not %(found)s.") % {
            "expected": expected,
            "found": code[17],
        }
        if is_pilot_region(code):
            result.warnings.append(
                message
                + " "
                + _("Codes of the early Fujian/Xiamen pilot may fail this check; please verify.")
            )
        else:
            result.error = message
    return result


def check_authority(code: str, warnings: list[str]) -> str:
    """The error for positions 1-2 against GB 32100's table, or "" (a warning for the
    authorities the table holds only from memory)."""
    authority, category = code[0], code[1]
    if authority in AUTHORITIES_FROM_MEMORY:
        warnings.append(
            _("Registration authority %(a)s is not in the verified table; please verify the code.")
            % {"a": authority}
        )
        return ""
    if authority not in AUTHORITY_CATEGORIES:
        return _("The first character %(a)s is not a registration authority code (1, 5, 9, Y …).") % {
            "a": authority
        }
    allowed = AUTHORITY_CATEGORIES[authority]
    if allowed is not None and category not in allowed:
        return _(
            "Under registration authority %(a)s the second character must be one of %(allowed)s, not %(c)s."
        ) % {
            "a": authority,
            "allowed": "、".join(allowed),
            "c": category,
        }
    return ""


def org_check_character(first8: str) -> str:
    total = sum(ORG_ALPHABET.index(ch) * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def generate(rng: random.Random, region: str, authority: str = "9", category: str = "1") -> str:
    """A valid code for demo data: a GB 11714-shaped subject id plus the right check."""
    while True:
        body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        org_check = org_check_character(body)
        if org_check in VALUES:
            first17 = f"{authority}{category}{region}{body}{org_check}"
            return first17 + check_character(first17)
