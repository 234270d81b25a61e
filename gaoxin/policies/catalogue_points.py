"""Innovation points (创新积分) in the field catalogue: a clause such as "创新积分位于成长期前10%"
reads the points of the scheme valid on the year's evaluation day, computed for every active
firm (ranks are within a stage over all firms, ``points.services.points_compute``), never
stored. A firm without a stage (missing facts) or a year without a scheme has no value: the
clause's explanation then says the value is missing."""

from decimal import Decimal

from .catalogue import FLOAT, STR, Field, provider

GROUP = "创新积分"


def points_fields() -> list[Field]:
    return [
        Field("points_total", "创新积分", FLOAT, GROUP, "当年适用的积分方案下企业的总积分（0–100）"),
        Field("points_stage", "积分阶段", STR, GROUP, "初创期 / 成长期 / 稳定期（按积分方案的阶段规则）"),
        Field("points_rank", "积分阶段内排名", FLOAT, GROUP, "同一阶段内按总积分的名次（并列同名次）"),
        Field(
            "points_percentile",
            "积分阶段内排名百分比",
            FLOAT,
            GROUP,
            "名次 ÷ 同阶段企业数 × 100，单位%；“前10%”即 ≤ 10",
        ),
        Field("points_tier", "积分档次", STR, GROUP, "企业在其阶段达到的积分贷档次代码，未达为空"),
    ]


STAGE_NAMES = {"startup": "初创期", "growth": "成长期", "stable": "稳定期"}


@provider(points_fields)
def points_values(ids: list[int], year: int) -> dict[str, dict[int, object]]:
    from gaoxin.points.services import points_compute, scheme_on
    from gaoxin.zone.models import evaluation_day

    scheme = scheme_on(evaluation_day(year))
    if scheme is None:
        return {}
    wanted = set(ids)
    out: dict[str, dict[int, object]] = {f.key: {} for f in points_fields()}
    for sheet in points_compute(scheme=scheme, year=year):
        if sheet.enterprise_id not in wanted or not sheet.stage:
            continue
        eid = sheet.enterprise_id
        out["points_total"][eid] = sheet.total
        out["points_stage"][eid] = STAGE_NAMES.get(sheet.stage, sheet.stage)
        out["points_rank"][eid] = Decimal(sheet.rank)
        out["points_percentile"][eid] = Decimal(sheet.rank) / sheet.stage_count * 100
        out["points_tier"][eid] = sheet.tier or None
    return out
