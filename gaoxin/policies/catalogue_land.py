"""亩均效益 in the field catalogue: a clause such as "亩均评价A档企业 → 优先兑现" reads the firm's
grade and score in the published 亩均 evaluation of the year (``land.evaluation``), never
stored. A firm outside the evaluation's scope, scored but exempt, or a year without a
published evaluation has no value: the clause's explanation then says the value is missing."""

from decimal import Decimal

from .catalogue import FLOAT, STR, Field, provider

GROUP = "亩均效益"


def land_fields() -> list[Field]:
    return [
        Field(
            "mu_grade",
            "亩均评价档次",
            STR,
            GROUP,
            "当年已发布亩均效益评价的档次 A/B/C/D；免于分档或未参评为空",
        ),
        Field(
            "mu_score",
            "亩均评价得分",
            FLOAT,
            GROUP,
            "当年已发布亩均效益评价的综合得分（Σ 指标值 ÷ 基准值 × 权重）",
        ),
        Field("mu_tax_per_mu", "亩均税收", FLOAT, GROUP, "当年税收 ÷ 当年用地面积，万元/亩（参评企业）"),
    ]


@provider(land_fields)
def land_values(ids: list[int], year: int) -> dict[str, dict[int, object]]:
    from gaoxin.land.evaluation import evaluate_cached
    from gaoxin.land.models import MuScheme

    scheme = MuScheme.objects.filter(year=year, state=MuScheme.State.PUBLISHED).first()
    if scheme is None:
        return {}
    wanted = set(ids)
    out: dict[str, dict[int, object]] = {f.key: {} for f in land_fields()}
    for sheet in evaluate_cached(scheme).sheets:
        if sheet.enterprise_id not in wanted or sheet.total is None:
            continue
        out["mu_score"][sheet.enterprise_id] = sheet.total
        if sheet.grade:
            out["mu_grade"][sheet.enterprise_id] = sheet.grade
        if sheet.tax is not None and sheet.land_mu:
            out["mu_tax_per_mu"][sheet.enterprise_id] = (Decimal(sheet.tax) / sheet.land_mu).quantize(
                Decimal("0.01")
            )
    return out
