"""The qualification types of the platform, with their stable codes (domain-rules.md).

Names and validity are data an administrator may change; codes are the interface that
imports and the API use. Validity: 高企 3 years (certificate, 办法 2016); 科小 registration
counts for its year; the others carry no fixed term here (enter expiry dates as granted).
"""

from django.db import migrations

TYPES = [
    # code, name, short name, default level, validity years, basis, order
    (
        "above_scale_industry",
        "规模以上工业企业",
        "规上工业",
        "",
        1,
        "国家统计局：年主营业务收入2000万元及以上",
        10,
    ),
    (
        "high_tech",
        "高新技术企业",
        "高企",
        "national",
        3,
        "《高新技术企业认定管理办法》（国科发火〔2016〕32号）",
        20,
    ),
    (
        "tech_sme",
        "科技型中小企业",
        "科小",
        "national",
        1,
        "《科技型中小企业评价办法》（国科发政〔2017〕115号）",
        30,
    ),
    (
        "innovative_sme",
        "创新型中小企业",
        "创新型",
        "provincial",
        3,
        "《优质中小企业梯度培育管理暂行办法》（2022）",
        40,
    ),
    (
        "srdi_sme",
        "专精特新中小企业",
        "专精特新",
        "provincial",
        3,
        "《优质中小企业梯度培育管理暂行办法》（2022）",
        50,
    ),
    ("little_giant_provincial", "省级专精特新“小巨人”企业", "省小巨人", "provincial", 3, "省级认定文件", 60),
    (
        "little_giant_national",
        "国家级专精特新“小巨人”企业",
        "国家小巨人",
        "national",
        3,
        "工业和信息化部公告",
        70,
    ),
    ("gazelle", "瞪羚企业", "瞪羚", "district", None, "园区认定文件", 80),
    ("listed", "上市企业", "上市", "", None, "证券交易所上市公告", 90),
    ("top500", "世界500强/中国500强子公司", "500强", "", None, "榜单年度", 100),
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
    dependencies = [("enterprises", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
