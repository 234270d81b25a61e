"""The demo zone: 随州高新区 as the 2024 report describes it, plus synthetic detail.

What comes from the report (shared/docs/seed-facts.md) is exact: the parks, the five lead
industries, the named enterprises, and the registry counts at the end of 2024 — 260 valid
高新技术企业, 553 科技型中小企业, 95 provincial and 12 national 专精特新"小巨人", 10 瞪羚企业 —
and 2024 规上 industrial output of 191.07 亿元 (143.3 亿 ÷ 75%) of which high-tech output
143.3 亿元. Everything else (the other firms, their credit codes and figures) is synthetic,
generated from a fixed seed so every run builds the same zone, and flagged ``is_demo``.

The registry is loaded through the import engine, so the demo exercises the same path
(and leaves the same audit trail) as a clerk's Excel file.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gaoxin.core import uscc
from gaoxin.core.imports import Table, get_spec, run_import

SEED = 20241231
YEAR_END = datetime.date(2024, 12, 31)
CENT = Decimal("0.01")

ZONE = {
    "name": "随州高新技术产业开发区",
    "short_name": "随州高新区",
    "region": "421300",
    "level": "国家高新技术产业开发区",
}
PARKS = [
    ("城东园区", "chengdong", "core", "核心区园区，建设用地已基本饱和（报道）。"),
    ("城北园区", "chengbei", "core", "核心区园区，建设用地已基本饱和（报道）。"),
    ("青春化工工业园", "qingchun", "special", "湖北省首批认定的38家化工园区之一，D类化工园区（报道）。"),
    ("随州大数据产业园", "bigdata", "extension", "首批入驻数字企业20余家（报道）；演示数据为23家。"),
]
# 随州大数据产业园: "首批20余家数字企业" — the demo puts 23 digital firms there (synthetic count):
# 电子信息 firms of GB/T 4754 divisions 64 (互联网和相关服务) and 65 (软件和信息技术服务业).
BIG_DATA_FIRMS = 23
DIGITAL_DIVISIONS = ("64", "65")
LEAD_INDUSTRIES = [
    ("fine_chemicals", "精细化工"),
    ("new_energy_materials", "新能源新材料"),
    ("high_end_equipment", "高端装备制造"),
    ("biomedicine", "生物医药"),
    ("electronic_information", "电子信息"),
]
DEPARTMENTS = [
    ("经济发展局", "经发局"),
    ("投资促进局", "招商局"),
    ("科技创新局", "科创局"),
    ("建设局", "建设局"),
    ("政务服务局", "政务局"),
]

# Named in the report; credit codes and figures are synthetic. (name, lead industry, class, park, scope)
NAMED = [
    (
        "齐星集团",
        "high_end_equipment",
        "3630",
        "chengdong",
        "专用汽车、无线电监管车制造；国家无线电监测中心随州测试基地建设",
    ),
    ("齐星车辆", "high_end_equipment", "3630", "chengdong", "专用汽车、新能源中轻卡制造"),
    ("晶星科技", "new_energy_materials", "3985", "chengbei", "锂电池材料、新能源新材料研发与制造"),
    ("斯诺", "new_energy_materials", "3841", "chengbei", "锂离子电池及鱼板材料制造"),
    ("晶源现代农业", None, "1371", "chengbei", "农产品深加工与出口"),
    ("中盐红色经典", "fine_chemicals", "2613", "qingchun", "盐化工及无机盐产品制造"),
    ("国能长源随州发电", None, "4411", "chengbei", "火力发电、园区集中供热"),
]
# Industry classes per lead industry for synthetic firms (GB/T 4754-2017).
CLASSES = {
    "fine_chemicals": ["2613", "2614", "2631", "2641", "2661", "2662", "2669"],
    "new_energy_materials": ["3841", "3985", "3251", "3091", "2653", "3849"],
    "high_end_equipment": ["3630", "3612", "3670", "3434", "3511", "3489"],
    "biomedicine": ["2710", "2720", "2740", "2750", "3581", "3584"],
    "electronic_information": ["3971", "3981", "3982", "6520", "6513", "6450"],
}
OTHER_CLASSES = ["1371", "1391", "1713", "2231", "2927", "3311", "3525", "5171", "7224", "7320"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌宇鹏飞浩然子涵晨阳俊凯"
NAME_HEADS = "鑫华瑞博宏盛恒泰嘉诚德润金晟宇辉兴汇丰达源立信合鼎昌隆恒远海博星辰启航楚天曾都随缘炎帝编钟银杏"
NAME_TAILS = {
    "fine_chemicals": ["化工", "新材料", "精细化学品", "化学"],
    "new_energy_materials": ["新能源", "锂电材料", "新材料", "能源科技"],
    "high_end_equipment": ["专用汽车", "机械", "智能装备", "汽车零部件", "应急装备"],
    "biomedicine": ["生物科技", "药业", "医疗器械", "健康科技"],
    "electronic_information": ["电子", "信息技术", "数据科技", "软件"],
    None: ["食品", "农业科技", "纺织", "建材", "物流", "商贸"],
}
REGIONS = ["421303", "421303", "421303", "421300", "421321", "421381"]

# Registry counts at the end of 2024 (seed-facts.md §5).
TARGETS = {
    "high_tech": 260,
    "tech_sme": 553,
    "little_giant_provincial": 95,
    "little_giant_national": 12,
    "gazelle": 10,
}
HIGH_TECH_NEW_2024 = 60
# Industry groups the report speaks of, by GB/T 4754-2017 division (the first two digits of
# the class): 专汽 = 36 汽车制造业 (3630 改装汽车制造 and the vehicles and parts around it);
# 农产品深加工 = 13 农副食品加工业 + 14 食品制造业. ``economy.GROUP_INDICATORS`` sums them.
INDUSTRY_GROUPS = {
    "special_vehicle": ("专用汽车", ("36",)),
    "agri_processing": ("农产品深加工", ("13", "14")),
}
# 专汽 exports in 万元 (seed-facts §1: 11.8 亿元, +51.2%): 2023 is our figure, chosen so that
# 118000 ÷ 78042.33 − 1 = 0.51200000… (51.2% at any rounding up to seven places).
SPECIAL_VEHICLE_EXPORTS = {2024: Decimal("118000.00"), 2023: Decimal("78042.33")}
# Output growth of each group's firms, 2023 → 2024 (and, for 农产品深加工 "每年", 2022 → 2023 too):
# 专汽 +10% as reported; 农产品深加工 "近30%" — we take 29.8%.
GROUP_GROWTH = {"special_vehicle": Decimal("0.10"), "agri_processing": Decimal("0.298")}
# 规上 industrial output and high-tech output for 2024, in 万元 (seed-facts.md §1).
OUTPUT_2024 = Decimal("1910700.00")
HIGH_TECH_OUTPUT_2024 = Decimal("1433000.00")
SYNTHETIC_FIRMS = 1100
ABOVE_SCALE_FIRMS = 104  # synthetic: the report gives no 2024 count (the 2025 goal is 120)


# Stored values of Enterprise.status / .scale (the import also takes the labels).
STATUS_CODES = {"存续": "active", "迁出": "moved_out", "注销": "deregistered"}
SCALE_CODES = {"大型": "large", "中型": "medium", "小型": "small", "微型": "micro"}


@dataclass
class Firm:
    name: str
    uscc: str
    lead: str | None
    industry: str
    park: str
    scope: str = ""
    legal: str = ""
    established: datetime.date | None = None
    capital: Decimal = Decimal(0)
    status: str = "存续"
    scale: str = ""
    quals: list[tuple] = field(default_factory=list)
    facts: dict[int, dict] = field(default_factory=dict)
    above_scale: bool = False
    above_scale_2025: bool = False
    high_tech: bool = False


def money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


class DemoZone:
    """Builds the synthetic firms in memory; ``load`` stores them through the imports."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.firms: list[Firm] = []
        self.used_names: set[str] = set()

    # -- firms -------------------------------------------------------------------------
    def code(self) -> str:
        return uscc.generate(self.rng, self.rng.choice(REGIONS))

    def firm_name(self, lead: str | None) -> str:
        while True:
            head = "".join(self.rng.sample(NAME_HEADS, 2))
            name = f"随州{head}{self.rng.choice(NAME_TAILS[lead])}有限公司"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def build_firms(self) -> None:
        rng = self.rng
        for name, lead, industry, park, scope in NAMED:
            self.firms.append(
                Firm(
                    name,
                    self.code(),
                    lead,
                    industry,
                    park,
                    scope,
                    person(rng),
                    datetime.date(rng.randint(1995, 2012), rng.randint(1, 12), rng.randint(1, 28)),
                    money(rng.choice([5000, 10000, 20000, 50000])),
                    scale="大型",
                )
            )
        leads = [code for code, _name in LEAD_INDUSTRIES]
        for _ in range(SYNTHETIC_FIRMS):
            lead = rng.choice(leads) if rng.random() < 0.8 else None
            industry = rng.choice(CLASSES[lead] if lead else OTHER_CLASSES)
            park = (
                "bigdata"
                if lead == "electronic_information" and rng.random() < 0.6
                else (
                    "qingchun"
                    if lead == "fine_chemicals" and rng.random() < 0.7
                    else rng.choice(["chengdong", "chengbei"])
                )
            )
            firm = Firm(self.firm_name(lead), self.code(), lead, industry, park, legal=person(rng))
            firm.established = datetime.date(rng.randint(2000, 2023), rng.randint(1, 12), rng.randint(1, 28))
            firm.capital = money(rng.choice([100, 200, 300, 500, 800, 1000, 2000, 3000, 5000]))
            firm.scale = rng.choices(["中型", "小型", "微型"], weights=[2, 5, 3])[0]
            firm.status = rng.choices(["存续", "迁出", "注销"], weights=[96, 2, 2])[0]
            self.firms.append(firm)

    # -- qualifications ----------------------------------------------------------------
    def grant(self, firm: Firm, code: str, granted: datetime.date, number: str = "", expires=None) -> None:
        firm.quals.append((code, granted, number, expires))

    def build_qualifications(self) -> None:
        rng = self.rng
        active = [f for f in self.firms if f.status == "存续"]
        named, synthetic = active[: len(NAMED)], active[len(NAMED) :]
        industrial = [f for f in synthetic if f.industry[:2].isdigit() and 13 <= int(f.industry[:2]) <= 43]
        # 规上工业: the named manufacturers and power plant, then the larger synthetic ones.
        above = [f for f in named if f.name != "晶源现代农业"] + [
            f for f in named if f.name == "晶源现代农业"
        ]
        above += rng.sample(industrial, ABOVE_SCALE_FIRMS - len(above))
        for firm in above:
            firm.above_scale = True
            firm.scale = firm.scale if firm.scale in ("大型", "中型") else "中型"
            for year in (2022, 2023, 2024):
                self.grant(
                    firm,
                    "above_scale_industry",
                    datetime.date(year, 1, 1),
                    expires=datetime.date(year, 12, 31),
                )
        # 高新技术企业: 260 valid on 2024-12-31, 60 of them certified in 2024; plus expired ones.
        tech_pool = [f for f in above if f.name not in ("国能长源随州发电", "晶源现代农业")]
        rest = [f for f in synthetic if f not in tech_pool]
        high_tech = tech_pool[:80] + rng.sample(rest, TARGETS["high_tech"] - 80)
        rng.shuffle(high_tech)
        for index, firm in enumerate(high_tech):
            firm.high_tech = True
            year = 2024 if index < HIGH_TECH_NEW_2024 else rng.choice([2022, 2023])
            granted = datetime.date(year, rng.choice([11, 12]), rng.randint(1, 28))
            self.grant(firm, "high_tech", granted, f"GR{year}42{rng.randint(0, 999999):06d}")
            if year == 2024 and rng.random() < 0.5:  # re-certified: the earlier certificate ran out
                self.grant(
                    firm,
                    "high_tech",
                    datetime.date(2021, 12, rng.randint(1, 15)),
                    f"GR202142{rng.randint(0, 999999):06d}",
                )
        lapsed = rng.sample([f for f in rest if not f.high_tech], 25)
        for firm in lapsed:  # certified in 2021, not renewed: expired during 2024
            self.grant(
                firm,
                "high_tech",
                datetime.date(2021, rng.choice([10, 11]), rng.randint(1, 28)),
                f"GR202142{rng.randint(0, 999999):06d}",
            )
        # 科技型中小企业: 553 registered in 2024 (valid for the year); some in 2023 only.
        small = [
            f
            for f in active
            if f.scale in ("小型", "微型", "中型") and f.name not in dict.fromkeys(n for n, *_ in NAMED)
        ]
        tech_sme = sorted(small, key=lambda f: (not f.high_tech, rng.random()))[: TARGETS["tech_sme"]]
        for firm in tech_sme:
            granted = datetime.date(2024, rng.randint(3, 10), rng.randint(1, 28))
            self.grant(firm, "tech_sme", granted, f"2024420{rng.randint(0, 99999999):08d}", expires=YEAR_END)
        for firm in rng.sample([f for f in small if f not in tech_sme], 40):
            self.grant(
                firm,
                "tech_sme",
                datetime.date(2023, rng.randint(3, 10), rng.randint(1, 28)),
                f"2023420{rng.randint(0, 99999999):08d}",
                expires=datetime.date(2023, 12, 31),
            )
        # 专精特新 "小巨人": 12 national, 95 provincial; 10 瞪羚.
        giants = sorted(above, key=lambda f: (not f.high_tech, rng.random()))
        for firm in giants[: TARGETS["little_giant_national"]]:
            self.grant(
                firm,
                "little_giant_national",
                datetime.date(rng.choice([2022, 2023, 2024]), 7, rng.randint(1, 28)),
            )
        pool = giants[TARGETS["little_giant_national"] :] + [f for f in high_tech if f not in giants]
        for firm in pool[: TARGETS["little_giant_provincial"]]:
            self.grant(
                firm,
                "little_giant_provincial",
                datetime.date(rng.choice([2022, 2023, 2024]), 9, rng.randint(1, 28)),
            )
        for firm in rng.sample([f for f in high_tech if f not in above], TARGETS["gazelle"]):
            self.grant(firm, "gazelle", datetime.date(2024, 6, rng.randint(1, 28)))
        for firm in rng.sample(high_tech, 60):
            self.grant(firm, "srdi_sme", datetime.date(rng.choice([2023, 2024]), 8, rng.randint(1, 28)))
        for firm in rng.sample(tech_sme, 80):
            self.grant(firm, "innovative_sme", datetime.date(rng.choice([2023, 2024]), 5, rng.randint(1, 28)))
        for firm in self.firms:
            if firm.name in ("国能长源随州发电", "中盐红色经典"):
                self.grant(firm, "top500", datetime.date(2020, 1, 1))
        self.build_2025(above, industrial, synthetic)

    def build_2025(self, above: list[Firm], industrial: list[Firm], synthetic: list[Firm]) -> None:
        """The year in progress: 规上 status for 2025 (a few firms drop out, new ones join) and
        the other "四上" statuses of trade and service firms (synthetic: the report has none)."""
        rng = self.rng
        staying = [f for f in above if rng.random() > 0.04]
        joining = rng.sample([f for f in industrial if not f.above_scale], 112 - len(staying))
        for firm in staying + joining:
            firm.above_scale_2025 = True
            self.grant(
                firm, "above_scale_industry", datetime.date(2025, 1, 1), expires=datetime.date(2025, 12, 31)
            )
        sectors = {
            "F": "above_quota_trade",
            "I": "above_scale_services",
            "L": "above_scale_services",
            "M": "above_scale_services",
        }
        section = {"5171": "F", "7224": "L", "7320": "M", "6520": "I", "6513": "I", "6450": "I"}
        for firm in synthetic:
            code = sectors.get(section.get(firm.industry, ""))
            if code and rng.random() < 0.55:
                for year in (2023, 2024, 2025):
                    self.grant(firm, code, datetime.date(year, 1, 1), expires=datetime.date(year, 12, 31))

    # -- annual facts ------------------------------------------------------------------
    def build_facts(self) -> None:
        rng = self.rng
        above = [f for f in self.firms if f.above_scale]
        named = {n for n, *_ in NAMED}
        weights = [
            rng.lognormvariate(0, 1.0)
            * (6 if f.name in named else 1)
            * (2 if f.high_tech else 1)
            * (3 if f.industry[:2] in INDUSTRY_GROUPS["special_vehicle"][1] else 1)  # Suizhou's 专汽
            for f in above
        ]
        outputs = scale_to_total([max(w, 0.02) for w in weights], OUTPUT_2024, floor=Decimal("2200"))
        tech_above = [f for f in above if f.high_tech]
        tech_total = sum(outputs[above.index(f)] for f in tech_above)
        shares = [Decimal(str(rng.uniform(0.6, 1.0))) for _ in tech_above]
        raw = [outputs[above.index(f)] * s for f, s in zip(tech_above, shares, strict=True)]
        high_tech_outputs = scale_to_total(
            raw, HIGH_TECH_OUTPUT_2024, caps=[outputs[above.index(f)] for f in tech_above]
        )
        assert tech_total >= HIGH_TECH_OUTPUT_2024
        tech_output = dict(zip((id(f) for f in tech_above), high_tech_outputs, strict=True))
        for firm, output in zip(above, outputs, strict=True):
            self.firm_years(firm, output, tech_output.get(id(firm)))
        for firm in self.firms:
            if not firm.above_scale and firm.status == "存续" and (firm.quals or rng.random() < 0.5):
                self.firm_years(firm, money(rng.uniform(150, 1900)), None, small=True)

    def firm_years(
        self, firm: Firm, output_2024: Decimal, high_tech_2024: Decimal | None, small: bool = False
    ) -> None:
        rng = self.rng
        output, tech = output_2024, high_tech_2024
        staff = max(8, int(float(output_2024) / rng.uniform(60, 140)))
        land = money(float(output_2024) / rng.uniform(80, 300)) if not small else money(rng.uniform(5, 30))
        for year in (2024, 2023, 2022):
            revenue = money(float(output) * rng.uniform(0.92, 1.08))
            main = money(float(revenue) * rng.uniform(0.9, 0.99))
            if firm.above_scale and main < 2000:
                main = Decimal("2000.00") + money(rng.uniform(0, 300))
                revenue = max(revenue, main)
            if small:
                main = min(main, Decimal("1999.00"))
                revenue = max(revenue, main)
            rd_ratio = rng.uniform(0.035, 0.07) if firm.high_tech else rng.uniform(0.0, 0.03)
            rd = money(float(revenue) * rd_ratio)
            profit = money(float(revenue) * rng.uniform(-0.02, 0.11))
            assets = money(float(revenue) * rng.uniform(0.8, 1.6))
            firm.facts[year] = {
                "operating_revenue": revenue,
                "main_business_revenue": main,
                "industrial_output": output,
                "high_tech_output": tech,
                "value_added": money(float(output) * rng.uniform(0.2, 0.32)),
                "total_profit": profit,
                "net_profit": money(float(profit) * 0.85),
                "tax_paid": money(float(revenue) * rng.uniform(0.015, 0.05)),
                "rd_expense": rd,
                "rd_expense_domestic": money(float(rd) * rng.uniform(0.85, 1.0)),
                "high_tech_revenue": money(float(revenue) * rng.uniform(0.6, 0.9))
                if firm.high_tech
                else None,
                "exports": money(float(revenue) * rng.uniform(0.05, 0.3)) if rng.random() < 0.25 else None,
                "total_assets": assets,
                "total_liabilities": money(float(assets) * rng.uniform(0.3, 0.7)),
                "staff_total": staff,
                "staff_sci_tech": max(1, int(staff * rng.uniform(0.1, 0.3))),
                "staff_rd": max(1, int(staff * rng.uniform(0.05, 0.15))),
                "land_area_mu": land,
                "energy_tce": money(float(output) * rng.uniform(0.01, 0.2)),
                "electricity_10k_kwh": money(float(output) * rng.uniform(0.02, 0.3)),
                "ip_class1_count": rng.randint(0, 6) if firm.high_tech else rng.randint(0, 1),
                "ip_class2_count": rng.randint(3, 30) if firm.high_tech else rng.randint(0, 6),
                "source": "演示数据",
            }
            growth = Decimal(str(rng.uniform(0.03, 0.25)))
            output = money(float(output / (1 + growth)))
            tech = money(float(tech / (1 + growth))) if tech is not None else None
            staff = max(5, int(staff * rng.uniform(0.85, 1.0)))

    def build(self) -> "DemoZone":
        self.build_firms()
        self.place_digital_firms()
        self.build_qualifications()
        self.build_facts()
        self.fit_groups()
        return self

    # -- the report's parks and industry groups (no random draws: the rest stays as it was) ------
    def place_digital_firms(self) -> None:
        """随州大数据产业园 holds the first 23 active digital firms; the others it drew go to the
        two core parks in turn."""
        digital = [
            f
            for f in self.firms
            if f.lead == "electronic_information"
            and f.status == "存续"
            and f.industry[:2] in DIGITAL_DIVISIONS
        ]
        chosen = {id(f) for f in digital[:BIG_DATA_FIRMS]}
        moved = 0
        for firm in self.firms:
            if id(firm) in chosen:
                firm.park = "bigdata"
            elif firm.park == "bigdata":
                firm.park = ("chengdong", "chengbei")[moved % 2]
                moved += 1

    def group_firms(self, group: str) -> list[Firm]:
        prefixes = INDUSTRY_GROUPS[group][1]
        return [f for f in self.firms if f.industry[:2] in prefixes and f.facts]

    def fit_groups(self) -> None:
        """The groups' output growth and 专汽 exports as the report has them (seed-facts §1)."""
        for group, growth in GROUP_GROWTH.items():
            for firm in self.group_firms(group):
                years = (2023, 2022) if group == "agri_processing" else (2023,)
                for year in years:
                    scale_output(firm.facts[year], firm.facts[year + 1], growth)
        vehicles = self.group_firms("special_vehicle")
        exporters = [f for f in vehicles if f.above_scale]
        for firm in vehicles:
            for year in firm.facts:
                firm.facts[year]["exports"] = None
        for year, total in SPECIAL_VEHICLE_EXPORTS.items():
            weights = [f.facts[year]["industrial_output"] for f in exporters]
            caps = [money(float(f.facts[year]["operating_revenue"]) * 0.5) for f in exporters]
            for firm, amount in zip(exporters, scale_to_total(weights, total, caps=caps), strict=True):
                firm.facts[year]["exports"] = amount
        for firm in exporters:  # 2022: synthetic, a slower year
            firm.facts[2022]["exports"] = money(float(firm.facts[2023]["exports"]) / 1.18)

    # -- tables for the import engine -----------------------------------------------------
    def enterprise_table(self, parks: dict[str, str], leads: dict[str, str]) -> Table:
        header = [
            "name",
            "uscc",
            "legal_representative",
            "established_on",
            "registered_capital",
            "park",
            "industry",
            "lead_industry",
            "status",
            "scale",
            "business_scope",
            "address",
        ]
        rows = [
            [
                f.name,
                f.uscc,
                f.legal,
                f.established,
                f.capital,
                parks[f.park],
                f.industry,
                leads.get(f.lead, ""),
                STATUS_CODES[f.status],
                SCALE_CODES.get(f.scale, ""),
                f.scope,
                f"湖北省随州市曾都区{parks[f.park]}",
            ]
            for f in self.firms
        ]
        return Table(header=header, rows=rows)

    def qualification_table(self) -> Table:
        header = ["enterprise", "type", "certificate_no", "granted_on", "expires_on"]
        rows = [
            [f.uscc, code, number, granted, expires or ""]
            for f in self.firms
            for code, granted, number, expires in f.quals
        ]
        return Table(header=header, rows=rows)

    def facts_table(self) -> Table:
        from gaoxin.enterprises.models import FACT_FIELDS

        header = ["enterprise", "year", *FACT_FIELDS, "source"]
        rows = []
        for firm in self.firms:
            for year in sorted(firm.facts):
                values = firm.facts[year]
                rows.append(
                    [
                        firm.uscc,
                        year,
                        *[values.get(k) if values.get(k) is not None else "" for k in FACT_FIELDS],
                        values["source"],
                    ]
                )
        return Table(header=header, rows=rows)


OUTPUT_FIELDS = ("industrial_output", "high_tech_output", "value_added")


def scale_output(facts: dict, next_year: dict, growth: Decimal) -> None:
    """Set a year's output so that ``next_year`` grows by ``growth`` over it (to the cent)."""
    for key in OUTPUT_FIELDS:
        if next_year.get(key) is not None:
            facts[key] = money(float(next_year[key] / (1 + growth)))


def scale_to_total(weights, total: Decimal, floor: Decimal | None = None, caps=None) -> list[Decimal]:
    """Amounts proportional to ``weights`` that add up to ``total`` exactly (to the cent),
    each at least ``floor`` and at most its cap; the rounding rest goes to the largest."""
    weights = [Decimal(str(w)) for w in weights]
    budget = total - (floor or 0) * len(weights)
    scale = budget / sum(weights)
    amounts = [((w * scale) + (floor or 0)).quantize(CENT, rounding=ROUND_HALF_UP) for w in weights]
    if caps:
        amounts = [min(a, c) for a, c in zip(amounts, caps, strict=True)]
        for _ in range(50):
            rest = total - sum(amounts)
            room = [i for i, (a, c) in enumerate(zip(amounts, caps, strict=True)) if a < c]
            if rest == 0 or not room:
                break
            share = (rest / len(room)).quantize(CENT, rounding=ROUND_HALF_UP)
            for i in room:
                amounts[i] = min(caps[i], amounts[i] + share)
    biggest = max(range(len(amounts)), key=lambda i: amounts[i] if not caps else caps[i] - amounts[i])
    amounts[biggest] += total - sum(amounts)
    return amounts


def load_registry(user, zone_data: DemoZone | None = None) -> dict:
    """Store the demo firms, qualifications and facts through the import engine."""
    from gaoxin.zone.models import LeadIndustry, Park

    demo = zone_data or DemoZone().build()
    parks = {p.code: p.name for p in Park.objects.all()}
    leads = {li.code: li.name for li in LeadIndustry.objects.all()}
    results = {}
    for kind, table in (
        ("enterprises", demo.enterprise_table(parks, leads)),
        ("qualifications", demo.qualification_table()),
        ("annual-facts", demo.facts_table()),
    ):
        extra = {"is_demo": True} if kind == "enterprises" else None
        result = run_import(get_spec(kind)(user, extra_values=extra), table, commit=True, filename="演示数据")
        if not result.ok:
            first = result.errors[:5] or result.file_error
            raise RuntimeError(f"demo {kind} failed: {first}")
        results[kind] = result.as_dict()["summary"]
    return results
