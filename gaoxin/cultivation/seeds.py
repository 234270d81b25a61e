"""The rule sets the platform ships (domain-rules.md §1–§4, §8), loaded by migration 0002.

Each threshold carries its confidence as the research notes give it. Where the notes give a
range of points (an expert band "7–8") and the data decides only the band, the points taken
are a zone setting (the band's lower bound: a forecast should not flatter). The 2026 revision
of 梯度培育 exists but its content was not retrievable: it is seeded as a version whose
thresholds are all "not found", so a firm evaluated under it reads "unknown", never a guess.
"""

V, M, N, Z = "verified", "memory", "not_found", "zone"


def t(value, confidence=V, note=""):
    entry = {"value": value, "confidence": confidence}
    if note:
        entry["note"] = note
    return entry


ABOVE_SCALE = {
    "min_main_revenue": t("2000", V, "国家统计局：年主营业务收入2000万元及以上（2011年起）"),
    "candidate_lower_bound": t("1500", Z, "小升规培育下限，本区设定"),
}

TECH_SME = {
    "max_staff": t(500),
    "max_sales": t("20000"),
    "max_assets": t("20000"),
    "require_audit_tax": t(True, V, "2022年工作指引：查账征收（部分核实）"),
    "min_score": t(60),
    "staff_bands": t([[30, 20], [25, 16], [20, 12], [15, 8], [10, 4]]),
    "rd_sales_bands": t([[6, 50], [5, 40], [4, 30], [3, 20], [2, 10]]),
    "rd_cost_bands": t([[30, 50], [25, 40], [20, 30], [15, 20], [10, 10]]),
    "ip_class1_points": t(30),
    "ip_class2_bands": t([[4, 24], [3, 18], [2, 12], [1, 6]]),
    "direct_high_tech": t(True),
    "direct_platform_level": t("provincial", V, "省部级以上研发机构"),
}

HIGH_TECH = {
    "min_registered_days": t(365, V, "工作指引：注册满365个日历天"),
    "rd_small_sales": t("5000"),
    "rd_small_ratio": t(5),
    "rd_middle_sales": t("20000"),
    "rd_middle_ratio": t(4),
    "rd_large_ratio": t(3),
    "min_domestic_rd_share": t(60),
    "min_high_tech_revenue_share": t(60),
    "min_sci_tech_staff_share": t(10),
    "min_assessment_score": t(71, V, "综合评价须高于70分（整数计分，71分及以上）"),
    "max_compliance_incidents": t(0),
    "ip_quantity_points": t([[1, 7]], Z, "Ⅰ类≥1件：7–8分，取区间下限"),
    "ip_class2_quantity_points": t(
        [[5, 5], [3, 3], [1, 1]], Z, "Ⅱ类≥5件5–6分、3–4件3–4分、1–2件1–2分，取区间下限"
    ),
    "ip_acquisition_own_points": t(4, Z, "自主研发1–6分，取中间值"),
    "ip_acquisition_transfer_points": t(2, Z, "受让/受赠/并购1–3分，取中间值"),
    "ip_part_cap": t(30),
    "growth_bands": t(
        [[35, 9], [25, 7], [15, 5], [5, 3], [0, 1]], M, "分段界限已核实（2008年版转载），各段分值为记忆"
    ),
}

INNOVATIVE_SME = {
    "min_score": t(60),
    "min_innovation": t(20),
    "min_growth": t(15),
    "min_specialisation": t(15),
    "rd_ratio_bands": t([[5, 20], [3, 15], [2, 10], [1, 5]]),
    "growth_bands": t([[15, 20], [10, 15], [5, 10], [0, 5]]),
    "debt_bands": t([[55, 10], [75, 5]]),
    "main_share_bands": t([[70, 20], [60, 15], [55, 10], [50, 5]]),
    "direct_equity": t("500"),
}

SRDI_SME = {
    "min_niche_years": t(2),
    "min_rd": t("100"),
    "min_rd_ratio": t(3),
    "min_revenue": t("1000"),
    "min_equity_small": t("2000"),
    "min_score": t(60),
    "direct_avg_rd": t("1000"),
    "direct_equity": t("6000"),
    "main_share_bands": t([[80, 5], [70, 3], [60, 1]]),
    "growth_bands": t([[10, 10], [8, 8], [6, 6], [4, 4], [0, 2]]),
    "net_margin_bands": t([[10, 10], [8, 8], [6, 6], [4, 4], [2, 2]]),
    "debt_bands": t([[50, 5], [60, 3], [70, 1]]),
    "rd_staff_bands": t([[20, 5], [10, 3], [5, 1]], M),
}

LITTLE_GIANT = {
    "min_niche_years": t(3),
    "min_main_share": t(70),
    "min_main_growth": t(5),
    "max_debt_ratio": t(70),
    "min_market_share": t(10),
    "large_revenue": t("10000"),
    "large_rd_ratio": t(3),
    "middle_revenue": t("5000"),
    "middle_rd_ratio": t(6),
    "min_class1_ip": t(2),
}

GAZELLE = {
    "require_high_tech": t(True, Z, "黄埔区2022：须为高新技术企业（默认模板）"),
    "base_revenue": t("1000", Z),
    "min_cagr": t(20, Z),
    "young_years": t(5, Z),
    "young_revenue": t("50000", Z),
    "mature_years": t(10, Z),
    "mature_revenue": t("100000", Z),
}


def unknown(params: dict) -> dict:
    """The same keys with every value unknown: a version whose content is not known here."""
    return {key: {"value": None, "confidence": N} for key in params}


GRADED = "《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号，文号为记忆）"
GRADED_2026 = "《优质中小企业梯度培育管理办法》（2026年1月修订，全文未取得）"

# tier, version, name, valid_from, valid_to, source document, params
RULE_SETS = [
    (
        "above_scale",
        "2011",
        "规模以上工业企业标准",
        "2011-01-01",
        None,
        "国家统计局规模以上工业统计标准（2011年起）",
        ABOVE_SCALE,
    ),
    (
        "tech_sme",
        "2017/2022",
        "科技型中小企业评价",
        "2022-01-01",
        None,
        "《科技型中小企业评价办法》（国科发政〔2017〕115号）；《科技型中小企业评价服务工作指引》（国科火字〔2022〕67号）",
        TECH_SME,
    ),
    (
        "high_tech",
        "2016",
        "高新技术企业认定",
        "2016-01-01",
        None,
        "《高新技术企业认定管理办法》（国科发火〔2016〕32号）；《工作指引》（国科发火〔2016〕195号）",
        HIGH_TECH,
    ),
    ("innovative_sme", "2022", "创新型中小企业评价", "2022-06-01", "2026-01-17", GRADED, INNOVATIVE_SME),
    ("srdi_sme", "2022", "专精特新中小企业认定", "2022-06-01", "2026-01-17", GRADED, SRDI_SME),
    ("little_giant", "2022", "专精特新“小巨人”企业认定", "2022-06-01", "2026-01-17", GRADED, LITTLE_GIANT),
    (
        "innovative_sme",
        "2026",
        "科技和创新型中小企业（2026修订，内容未知）",
        "2026-01-18",
        None,
        GRADED_2026,
        unknown(INNOVATIVE_SME),
    ),
    (
        "srdi_sme",
        "2026",
        "专精特新中小企业（2026修订，内容未知）",
        "2026-01-18",
        None,
        GRADED_2026,
        unknown(SRDI_SME),
    ),
    (
        "little_giant",
        "2026",
        "专精特新“小巨人”（2026修订，内容未知）",
        "2026-01-18",
        None,
        GRADED_2026,
        unknown(LITTLE_GIANT),
    ),
    (
        "gazelle",
        "黄埔2022",
        "瞪羚企业（黄埔区2022模板）",
        "2022-01-01",
        None,
        "广州黄埔区/广州开发区瞪羚企业认定（2022），默认模板，可按本区规则修改",
        GAZELLE,
    ),
]
