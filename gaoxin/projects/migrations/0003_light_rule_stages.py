# Each light rule names the stages it judges: the 序时 investment rule no longer judges
# completed projects (竣工投产), which have no time-proportional plan left to meet.

from django.db import migrations, models


def investment_rule_stages(apps, schema_editor):
    Rule = apps.get_model("projects", "LightRule")
    Rule.objects.filter(code="investment", stages="").update(stages="signed,construction")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="lightrule",
            name="stages",
            field=models.CharField(
                blank=True,
                help_text="Comma-separated stage codes this rule judges; empty: every rated stage.",
                max_length=120,
                verbose_name="stages rated",
            ),
        ),
        migrations.RunPython(investment_rule_stages, migrations.RunPython.noop),
    ]
