"""Chinese is complete: every message of the catalogue is translated, none is fuzzy, and
the committed .mo holds exactly what the .po says."""

import ast
import gettext
from pathlib import Path

import gaoxin

PO = Path(gaoxin.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def parse_po() -> list[dict]:
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"fuzzy": "#, fuzzy" in block}, None
        for line in block.strip().splitlines():
            if line.startswith("#") or not line:
                continue
            if line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, rest = line.partition(" ")
                entry[key] = ast.literal_eval(rest)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def translations(entry) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = parse_po()
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if not all(translations(e))] == []
    assert [e["msgid"] for e in entries if e["fuzzy"]] == []


def test_compiled_catalogue_matches_the_po():
    with PO.with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for entry in parse_po():
        if "msgid_plural" in entry:
            assert catalog.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
        elif "msgctxt" not in entry:
            assert catalog.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
