"""The other kinds of "四上" units (domain-rules.md §8), so the "四上"企业 count is a
registry query: 规上工业 (already there) + 限上批零住餐 + 资质内建筑业 + 房地产开发 + 规上服务业.
Thresholds differ by sector and change over time: they are the bureau's, recorded here only
as the basis text; the platform records who holds the status, it does not compute it."""

from django.db import migrations

TYPES = [
    (
        "above_quota_trade",
        "限额以上批发零售住宿餐饮企业",
        "限上批零住餐",
        "",
        1,
        "批发≥2000万元、零售≥500万元、住宿餐饮≥200万元（统计局）",
        12,
    ),
    (
        "qualified_construction",
        "资质等级建筑业企业",
        "资质建筑业",
        "",
        1,
        "有总承包或专业承包资质（统计局）",
        14,
    ),
    (
        "real_estate_development",
        "房地产开发经营企业",
        "房地产开发",
        "",
        1,
        "有开发经营活动的全部房地产开发企业（统计局）",
        16,
    ),
    (
        "above_scale_services",
        "规模以上服务业企业",
        "规上服务业",
        "",
        1,
        "按行业 ≥2000/1000/500万元（统计局）",
        18,
    ),
]


def create(apps, schema_editor):
    QualificationType = apps.get_model("enterprises", "QualificationType")
    for code, name, short, level, years, basis, order in TYPES:
        QualificationType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "default_level": level,
                "validity_years": years,
                "basis": basis,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_qualification_types")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
