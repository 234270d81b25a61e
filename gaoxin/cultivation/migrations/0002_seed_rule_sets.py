"""The shipped rule sets (seeds.py: domain-rules §1–§4, §8) and the default 科创新物种 ladder."""

import datetime

from django.db import migrations

from gaoxin.cultivation.seeds import RULE_SETS

NEW_SPECIES = [
    ("seed", "种子", 10),
    ("gazelle", "瞪羚", 20),
    ("quasi_unicorn", "准独角兽", 30),
    ("unicorn", "独角兽", 40),
]


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def create(apps, schema_editor):
    RuleSet = apps.get_model("cultivation", "RuleSet")
    for tier, version, name, start, end, source, params in RULE_SETS:
        RuleSet.objects.update_or_create(
            tier=tier,
            version=version,
            defaults={
                "name": name,
                "valid_from": day(start),
                "valid_to": day(end),
                "source_document": source,
                "params": params,
            },
        )
    Tier = apps.get_model("cultivation", "NewSpeciesTier")
    for code, name, order in NEW_SPECIES:
        Tier.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("cultivation", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
