"""The request categories a zone starts with (诉求分类) and their time limits in working days:
acceptance (受理) and handling (办结). The department each routes to is the zone's own
configuration (the admin; the demo sets them); a category without one refuses new requests."""

from django.db import migrations

CATEGORIES = [
    # code, name, accept within, handle within (working days)
    ("govservice", "政务服务", 1, 5),
    ("land", "用地", 2, 15),
    ("labour", "用工", 1, 10),
    ("finance", "融资", 2, 10),
    ("policy", "政策咨询", 1, 3),
    ("tech", "科技创新", 2, 10),
    ("utilities", "水电气", 1, 5),
    ("other", "其他", 2, 10),
]


def seed(apps, schema_editor):
    RequestCategory = apps.get_model("portal", "RequestCategory")
    for order, (code, name, accept, handle) in enumerate(CATEGORIES, start=1):
        RequestCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "accept_workdays": accept,
                "handle_workdays": handle,
                "sort_order": order * 10,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("portal", "RequestCategory").objects.filter(
        code__in=[c[0] for c in CATEGORIES], requests__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
