"""The problems light judges unanswered problems past their deadline (issue 10 item 7): its
default description says 逾期未答复, not 逾期未销号 (a zone's own wording is kept)."""

from django.db import migrations

OLD = "本区自定：有逾期未销号问题为黄，逾期超过30天为红（无官方来源，可调整）"
NEW = "本区自定：有逾期未答复问题为黄，逾期超过30天为红（无官方来源，可调整）"


def forward(apps, schema_editor):
    apps.get_model("projects", "LightRule").objects.filter(code="problems", source=OLD).update(source=NEW)


def backward(apps, schema_editor):
    apps.get_model("projects", "LightRule").objects.filter(code="problems", source=NEW).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_problem_category_time_limit")]
    operations = [migrations.RunPython(forward, backward)]
