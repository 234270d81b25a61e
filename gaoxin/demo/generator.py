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
import math
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
    # what the cultivation rules read (RulesFitter)
    tech_field: str = ""
    tax_mode: str = ""
    main_product: str = ""
    niche_since: int | None = None
    strategic_emerging: bool | None = None
    ip: list[dict] = field(default_factory=list)
    equity: list[dict] = field(default_factory=list)


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
        self.rules = RulesFitter(self)
        self.rules.run()
        return self

    # -- the IP register and equity financings (drawn from the rules' generator) ------------
    def build_ip(self, firm: Firm, rng: random.Random) -> None:
        """Items whose owned, valid count at each year's end is the year's ip_class counts;
        plus items no rule counts: pending applications, licences, trademarks."""
        self.ip_serial = getattr(self, "ip_serial", 100000)
        for count_key, kinds in (("ip_class1_count", IP_KINDS_CLASS1), ("ip_class2_count", IP_KINDS_CLASS2)):
            valid: list[dict] = []
            for year in RULE_YEARS:
                target = firm.facts[year][count_key] or 0
                while len(valid) > target:
                    item = valid.pop(rng.randrange(len(valid)))
                    start = max(item["granted_on"] + datetime.timedelta(days=1), datetime.date(year, 1, 1))
                    item["lapsed_on"] = start + datetime.timedelta(
                        days=rng.randint(0, (datetime.date(year, 12, 31) - start).days)
                    )
                    item["status"] = "lapsed"
                while len(valid) < target:
                    # held at the end of the first year: granted since 2012 (or the founding);
                    # later: granted during the year
                    founded = (firm.established or YEAR_END).year
                    first = min(year, max(2012, founded)) if year == RULE_YEARS[0] else year
                    granted = datetime.date(rng.randint(first, year), rng.randint(1, 12), rng.randint(1, 28))
                    item = self.ip_item(firm, rng, rng.choice(kinds), granted)
                    if count_key == "ip_class1_count":
                        item["acquisition"] = rng.choices(
                            ["own", "transfer", "gift", "merger"], weights=[80, 14, 3, 3]
                        )[0]
                        item["high_value"] = item["acquisition"] == "own" and rng.random() < 0.3
                        item["products"] = firm.main_product if rng.random() < 0.6 else ""
                    valid.append(item)
                    firm.ip.append(item)
        extras = (
            rng.choices(["applied", "licence", "trademark", None], weights=[3, 1, 2, 4])[0]
            if firm.quals
            else None
        )
        if extras == "applied":  # applications filed in 2024, not granted by the year's end
            for _ in range(rng.randint(1, 4)):
                item = self.ip_item(firm, rng, rng.choice(("invention", "utility")), None)
                item.update(
                    status="applied", applied_on=datetime.date(2024, rng.randint(1, 12), rng.randint(1, 28))
                )
                firm.ip.append(item)
        elif extras == "licence":  # a licence is not ownership: no rule counts it
            item = self.ip_item(
                firm, rng, "invention", datetime.date(2023, rng.randint(1, 12), rng.randint(1, 28))
            )
            item["acquisition"] = "licence"
            firm.ip.append(item)
        elif extras == "trademark":
            firm.ip.append(
                self.ip_item(
                    firm,
                    rng,
                    "trademark",
                    datetime.date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)),
                )
            )

    def ip_item(self, firm: Firm, rng: random.Random, kind: str, granted: datetime.date | None) -> dict:
        self.ip_serial += rng.randint(1, 97)
        low, high = GRANT_WAIT[kind]
        applied = (granted or YEAR_END) - datetime.timedelta(days=rng.randint(low, high))
        title = IP_TITLES[kind].format(p=firm.main_product or "产品", v=rng.randint(1, 5))
        return {
            "kind": kind,
            "title": title,
            "number": ip_number(kind, applied, self.ip_serial),
            "status": "granted",
            "applied_on": applied,
            "granted_on": granted,
            "lapsed_on": None,
            "acquisition": "own",
            "high_value": False,
            "products": "",
        }

    def build_equity(self, rng: random.Random) -> None:
        """Rounds for about one firm in twelve of those with a 高企 or 科小 title, 2021–2024."""
        titled = [
            f for f in self.firms if f.facts and any(q[0] in ("high_tech", "tech_sme") for q in f.quals)
        ]
        for firm in rng.sample(titled, 60):
            for _ in range(rng.choice([1, 1, 2, 3])):
                investor, qualified = rng.choice(INVESTORS)
                day = datetime.date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28))
                if any(e["received_on"] == day and e["investor"] == investor for e in firm.equity):
                    continue
                amount = money(
                    rng.choice([300, 500, 800, 1000, 1500, 2000, 3000, 5000, 8000, 12000])
                    * rng.uniform(0.9, 1.1)
                )
                firm.equity.append(
                    {
                        "received_on": day,
                        "investor": investor,
                        "amount": amount,
                        "qualified_investor": qualified,
                        "round": rng.choice(ROUNDS),
                    }
                )

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
            "tech_field",
            "tax_collection_mode",
            "main_product",
            "niche_market_since",
            "strategic_emerging",
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
                f.tech_field,
                f.tax_mode,
                f.main_product,
                blank(f.niche_since),
                blank(f.strategic_emerging),
            ]
            for f in self.firms
        ]
        return Table(header=header, rows=rows)

    def qualification_table(self) -> Table:
        header = ["enterprise", "type", "certificate_no", "granted_on", "expires_on", "note"]
        rows = [
            [f.uscc, code, number, granted, expires or "", note[0] if note else ""]
            for f in self.firms
            for code, granted, number, expires, *note in f.quals
        ]
        return Table(header=header, rows=rows)

    def ip_table(self) -> Table:
        header = [
            "enterprise",
            "kind",
            "title",
            "number",
            "status",
            "applied_on",
            "granted_on",
            "lapsed_on",
            "acquisition",
            "high_value",
            "products",
        ]
        rows = [[f.uscc, *[blank(item[k]) for k in header[1:]]] for f in self.firms for item in f.ip]
        return Table(header=header, rows=rows)

    def equity_table(self) -> Table:
        header = ["enterprise", "received_on", "investor", "amount", "qualified_investor", "round"]
        rows = [[f.uscc, *[item[k] for k in header[1:]]] for f in self.firms for item in f.equity]
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


def blank(value):
    """A cell of a demo table: None as an empty cell."""
    return "" if value is None else value


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


# --- the cultivation rules the demo's titles rest on (issue 13) ------------------------------
# The 高企 and 科小 of the demo satisfy the rules they hold on their 2022–2024 facts (domain-rules
# §1.1, §2), or carry a qualification note starting EXCEPTION_NOTE with the reason; a handful
# of firms without the title sit just below one edge each (NEAR_MISSES) so candidate lists
# show "差0.3个百分点". These draws use their own generator (RULES_SEED): the figures of the
# report above (outputs, exports, growth) come from the first stream and stay as they were.
RULES_SEED = SEED + 13
RULE_YEARS = (2022, 2023, 2024)
EXCEPTION_NOTE = "例外："
# 高企: three-year R&D ÷ three-year sales (营业收入) by the latest year's sales, in 万元.
HIGH_TECH_RD_BANDS = (
    (Decimal("5000"), Decimal("0.05")),
    (Decimal("20000"), Decimal("0.04")),
    (None, Decimal("0.03")),
)
HIGH_TECH_MIN = {
    "domestic_rd": Decimal("0.6"),
    "high_tech_revenue": Decimal("0.6"),
    "sci_tech_staff": Decimal("0.1"),
}
# 科小: basic size limits (staff, 营业收入, total assets) and the score bands (domain-rules §2.2).
TECH_SME_LIMITS = {
    "staff_total": 500,
    "operating_revenue": Decimal("20000"),
    "total_assets": Decimal("20000"),
}
TECH_SME_STAFF_BANDS = (
    (Decimal("0.30"), 20),
    (Decimal("0.25"), 16),
    (Decimal("0.20"), 12),
    (Decimal("0.15"), 8),
    (Decimal("0.10"), 4),
)
TECH_SME_RD_BANDS = (
    (Decimal("0.06"), 50),
    (Decimal("0.05"), 40),
    (Decimal("0.04"), 30),
    (Decimal("0.03"), 20),
    (Decimal("0.02"), 10),
)
TECH_SME_YEARS = (2023, 2024)  # a 2024 registration is evaluated on 2023; the 2024 figures hold too
# (rule, how far below the edge) for firms without the title: what their candidate line shows.
NEAR_MISSES = [
    # one per sales band, in HIGH_TECH_RD_BANDS order: 4.8% of 5%, 3.6% of 4%, 2.7% of 3%
    ("rd_band", Decimal("0.002")),
    ("rd_band", Decimal("0.004")),
    ("rd_band", Decimal("0.003")),
    ("sci_tech_staff", Decimal("0.005")),  # 9.5% of staff
    ("sci_tech_staff", Decimal("0.002")),
    ("high_tech_revenue", Decimal("0.02")),  # 58% of total revenue
    ("domestic_rd", Decimal("0.03")),
    ("no_ip", None),
    ("tech_sme_score", 2),  # 科小 58 points where 60 are needed
    ("tech_sme_score", 4),
    ("tech_sme_staff_score", None),  # 科小 ≥ 60 points but S&T staff under 10%: a zero staff score
    ("tech_sme_sales", Decimal("150")),  # 科小 营业收入 20,150 万元, just above 2 亿
]
TECH_FIELDS = {
    "fine_chemicals": ("new_materials", "resources_environment"),
    "new_energy_materials": ("new_energy", "new_materials"),
    "high_end_equipment": ("advanced_manufacturing",),
    "biomedicine": ("bio_medicine",),
    "electronic_information": ("electronic_information", "high_tech_services"),
    None: ("advanced_manufacturing", "high_tech_services", "resources_environment"),
}
PRODUCTS = {
    "fine_chemicals": ["电子级磷酸", "高纯氯化钠", "环保型水处理剂", "医药中间体", "特种涂料"],
    "new_energy_materials": ["磷酸铁锂正极材料", "锂电池隔膜", "电解液添加剂", "储能电池模组", "负极材料"],
    "high_end_equipment": [
        "应急救援专用车",
        "无线电监测车",
        "新能源轻卡底盘",
        "汽车电子控制单元",
        "液压举升装置",
    ],
    "biomedicine": ["体外诊断试剂", "中药配方颗粒", "医用敷料", "兽用疫苗", "原料药"],
    "electronic_information": ["工业互联网平台", "智能传感器", "政务数据中台", "北斗定位终端", "印制电路板"],
    None: ["香菇制品", "有机肥", "功能性面料", "新型墙材", "冷链物流服务"],
}
INVESTORS = [
    ("湖北省高新技术产业投资有限公司", True),
    ("随州市产业投资基金合伙企业（有限合伙）", True),
    ("长江创业投资基金有限公司", True),
    ("湖北省科技投资集团有限公司", True),
    ("武汉光谷创新投资基金", True),
    ("深圳某创业投资合伙企业（有限合伙）", True),
    ("自然人股东增资", False),
    ("上下游企业战略入股", False),
]
ROUNDS = ["天使轮", "A轮", "B轮", "C轮", "战略融资", "Pre-IPO"]


def ratio(part, whole) -> Decimal | None:
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)


def rd_band(latest_sales: Decimal) -> Decimal:
    for ceiling, minimum in HIGH_TECH_RD_BANDS:
        if ceiling is None or latest_sales <= ceiling:
            return minimum
    raise AssertionError


def band_points(value: Decimal | None, bands) -> int:
    for floor, points in bands:
        if value is not None and value >= floor:
            return points
    return 0


def tech_sme_score(facts: dict) -> tuple[int, int]:
    """(total, staff score) of the 科小 evaluation on one year's facts, R&D option (1)."""
    staff = band_points(ratio(facts["staff_sci_tech"], facts["staff_total"]), TECH_SME_STAFF_BANDS)
    rd = band_points(ratio(facts["rd_expense"], facts["operating_revenue"]), TECH_SME_RD_BANDS)
    class1, class2 = facts["ip_class1_count"] or 0, facts["ip_class2_count"] or 0
    ip = 30 if class1 else {0: 0, 1: 6, 2: 12, 3: 18}.get(class2, 24)
    return staff + rd + ip, staff


def ceil_int(value: Decimal) -> int:
    return math.ceil(value)


class RulesFitter:
    """Makes the demo's titles consistent with the rules and fills the cultivation fields."""

    def __init__(self, zone: "DemoZone"):
        self.zone = zone
        self.rng = random.Random(RULES_SEED)
        self.with_facts = [f for f in zone.firms if f.facts]
        self.high_tech = [f for f in zone.firms if holds(f, "high_tech", YEAR_END)]
        self.near_misses: list[tuple[Firm, str]] = []

    def run(self) -> None:
        for firm in self.with_facts:
            self.fill_profile(firm)
            for year in RULE_YEARS:
                self.fill_year(firm, firm.facts[year])
        exceptions = self.mark_exceptions()
        for firm in self.high_tech:
            if firm not in exceptions:
                self.satisfy_high_tech(firm)
        self.place_tech_sme()
        self.place_near_misses()
        for firm in self.with_facts:
            self.zone.build_ip(firm, self.rng)
        self.zone.build_equity(self.rng)

    # -- the fields every firm with facts gets ------------------------------------------
    def fill_profile(self, firm: Firm) -> None:
        rng = self.rng
        firm.tech_field = rng.choice(TECH_FIELDS[firm.lead])
        firm.tax_mode = "audit" if firm.above_scale or firm.quals or rng.random() < 0.9 else "deemed"
        firm.main_product = rng.choice(PRODUCTS[firm.lead])
        start = (firm.established or datetime.date(2010, 1, 1)).year
        firm.niche_since = min(2022, start + rng.randint(0, 5))
        firm.strategic_emerging = (firm.lead is not None) if rng.random() < 0.9 else None

    def fill_year(self, firm: Firm, facts: dict) -> None:
        rng = self.rng
        revenue = facts["operating_revenue"]
        total = money(float(revenue) * rng.uniform(1.0, 1.04))
        facts["total_revenue"] = total
        facts["non_taxable_revenue"] = (
            money(float(total) * rng.uniform(0.002, 0.015)) if rng.random() < 0.3 else Decimal("0.00")
        )
        facts["cost_expense_total"] = max(Decimal("0.00"), total - facts["total_profit"])
        staff = facts["staff_total"]
        facts["staff_average"] = max(1, min(staff, round(staff * rng.uniform(0.92, 1.0))))
        facts["staff_183_days"] = max(1, min(staff, round(staff * rng.uniform(0.9, 1.0))))
        facts["niche_market_share"] = (
            money(rng.uniform(0.5, 35)) if firm.above_scale or rng.random() < 0.4 else None
        )
        facts["digital_maturity_level"] = rng.choices([1, 2, 3, 4], weights=[3, 5, 3, 1])[0]
        facts["compliance_incidents"] = 0 if firm.quals or rng.random() < 0.97 else 1

    # -- 高企 ------------------------------------------------------------------------------
    def mark_exceptions(self) -> list[Firm]:
        """Two 2022 certificates whose holder no longer meets one rule in 2024: named, kept."""
        older = [
            f
            for f in self.high_tech
            if certificate(f).granted.year == 2022 and f.facts[2024]["staff_total"] >= 50
        ]
        chosen = self.rng.sample(older, 2)
        self.satisfy_high_tech(chosen[0])
        facts = chosen[0].facts[2024]
        facts["staff_average"] = facts["staff_183_days"] = facts["staff_total"]
        facts["staff_sci_tech"] = max(1, int(Decimal(facts["staff_total"]) * Decimal("0.094")))
        staff_share = ratio(facts["staff_sci_tech"], facts["staff_total"]) * 100
        certificate(chosen[0]).note(
            f"{EXCEPTION_NOTE}2022年认定时符合条件；2024年科技人员占比降至{staff_share:.1f}%，已列入复核名单"
        )
        self.satisfy_high_tech(chosen[1])
        facts = chosen[1].facts[2024]
        facts["high_tech_revenue"] = money(float(facts["total_revenue"]) * 0.57)
        certificate(chosen[1]).note(
            f"{EXCEPTION_NOTE}2022年认定时符合条件；2024年高新技术产品收入占总收入57.0%，已提醒整改"
        )
        return chosen

    def satisfy_high_tech(self, firm: Firm, margin: Decimal | None = None) -> None:
        """The 高企 conditions on 2022–2024 with a little room (``margin`` below a band's
        minimum instead, for a near miss)."""
        rng = self.rng
        years = [firm.facts[y] for y in RULE_YEARS]
        sales = sum(f["operating_revenue"] for f in years)
        band = rd_band(firm.facts[2024]["operating_revenue"])
        wanted = (
            band - margin if margin is not None else band + Decimal(str(round(rng.uniform(0.003, 0.03), 4)))
        )
        current = sum(f["rd_expense"] for f in years)
        if margin is not None or current < sales * (band + Decimal("0.002")):
            factor = float(sales * wanted / current) if current else None
            for f in years:
                f["rd_expense"] = (
                    money(float(f["rd_expense"]) * factor)
                    if factor
                    else money(float(f["operating_revenue"] * wanted))
                )
            if margin is not None:  # the rounding to the cent must not lift it over the edge
                total = sum(f["rd_expense"] for f in years)
                years[0]["rd_expense"] -= max(Decimal(0), total - (sales * wanted).quantize(CENT))
        for f in years:
            f["rd_expense_domestic"] = money(float(f["rd_expense"]) * rng.uniform(0.85, 1.0))
            floor_revenue = f["total_revenue"] * Decimal("0.605")
            if f["high_tech_revenue"] is None or f["high_tech_revenue"] < floor_revenue:
                f["high_tech_revenue"] = money(float(f["total_revenue"]) * rng.uniform(0.62, 0.9))
            staff = max(f["staff_total"], f["staff_average"], f["staff_183_days"])
            if Decimal(f["staff_sci_tech"]) < staff * Decimal("0.1"):
                f["staff_sci_tech"] = min(
                    f["staff_total"], ceil_int(staff * Decimal(str(round(rng.uniform(0.1, 0.3), 3))))
                )
                f["staff_sci_tech"] = max(f["staff_sci_tech"], ceil_int(staff * Decimal("0.1")))
            if not (f["ip_class1_count"] or f["ip_class2_count"]):
                f["ip_class2_count"] = rng.randint(3, 12)
            f["compliance_incidents"] = 0
        firm.tax_mode = "audit"

    # -- 科小 ------------------------------------------------------------------------------
    def tech_sme_fits(self, firm: Firm) -> bool:
        """Within the size limits in both years, on 营业收入 and on 总收入 alike."""
        limits = {**TECH_SME_LIMITS, "total_revenue": TECH_SME_LIMITS["operating_revenue"]}
        return all(
            firm.facts[year][key] is not None and firm.facts[year][key] <= limit
            for year in TECH_SME_YEARS
            for key, limit in limits.items()
        )

    def place_tech_sme(self) -> None:
        """A 2024 科小 over a size limit hands its registration to a firm within them; then
        every 2024 科小 that is not a 高企 gets a score of at least 60."""
        rng = self.rng
        holders = [f for f in self.zone.firms if holds(f, "tech_sme", YEAR_END)]
        named = {n for n, *_ in NAMED}
        spare = [
            f
            for f in self.with_facts
            if not holds(f, "tech_sme", YEAR_END)
            and not f.high_tech
            and f.status == "存续"
            and f.name not in named
            and f.scale in ("小型", "微型", "中型")
            and self.tech_sme_fits(f)
        ]
        rng.shuffle(spare)
        self.swapped = 0
        for firm in holders:
            if not firm.facts or not self.tech_sme_fits(firm):
                grant = next(q for q in firm.quals if q[0] == "tech_sme" and q[1].year == 2024)
                firm.quals.remove(grant)
                spare.pop().quals.append(grant)
                self.swapped += 1
        self.spare_small = spare
        for firm in self.zone.firms:
            if holds(firm, "tech_sme", YEAR_END):
                firm.tax_mode = "audit"
                for year in TECH_SME_YEARS:
                    firm.facts[year]["compliance_incidents"] = 0
                if not holds(firm, "high_tech", YEAR_END):
                    for year in TECH_SME_YEARS:
                        self.reach_score(firm.facts[year], 60)

    def reach_score(self, facts: dict, minimum: int, exact: int | None = None) -> None:
        """Raise S&T staff and R&D until the 科小 score is at least ``minimum`` (or, with
        ``exact``, make it exactly that by the bands)."""
        score, staff_points = tech_sme_score(facts)
        if exact is None and score >= minimum and staff_points:
            return
        ip = (
            score
            - staff_points
            - band_points(ratio(facts["rd_expense"], facts["operating_revenue"]), TECH_SME_RD_BANDS)
        )
        options = [
            (s_floor, s_pts, r_floor, r_pts)
            for s_floor, s_pts in TECH_SME_STAFF_BANDS
            for r_floor, r_pts in TECH_SME_RD_BANDS
            if (ip + s_pts + r_pts == exact if exact is not None else ip + s_pts + r_pts >= minimum)
        ]
        s_floor, _s, r_floor, _r = self.rng.choice(options)
        staff = facts["staff_total"]
        facts["staff_sci_tech"] = min(staff, ceil_int(staff * s_floor))  # at or just over the floor
        facts["rd_expense"] = money(float(facts["operating_revenue"] * (r_floor + Decimal("0.003"))))
        facts["rd_expense_domestic"] = money(float(facts["rd_expense"]) * self.rng.uniform(0.85, 1.0))
        if exact is not None:
            assert tech_sme_score(facts)[0] == exact, (tech_sme_score(facts), exact)

    # -- near misses ---------------------------------------------------------------------
    def place_near_misses(self) -> None:
        rng = self.rng
        named = {n for n, *_ in NAMED}
        pool = [
            f
            for f in self.with_facts
            if not f.high_tech
            and not any(q[0] in ("high_tech", "tech_sme") for q in f.quals)
            and f.status == "存续"
            and f.name not in named
            and min(f.facts[y]["staff_total"] for y in RULE_YEARS) >= 20
        ]
        rng.shuffle(pool)

        def clear_of_edges(firm):  # 总收入 or 营业收入 puts it in the same band
            sales = firm.facts[2024]["operating_revenue"]
            return all(
                c is None or not c * Decimal("0.94") <= sales <= c * Decimal("1.02")
                for c, _b in HIGH_TECH_RD_BANDS
            )

        pool = [f for f in pool if clear_of_edges(f)]
        by_band = {
            band: [f for f in pool if rd_band(f.facts[2024]["operating_revenue"]) == band]
            for _c, band in HIGH_TECH_RD_BANDS
        }
        bands = iter(band for _c, band in HIGH_TECH_RD_BANDS)
        for rule, gap in NEAR_MISSES:
            if rule == "rd_band":
                candidates = by_band[next(bands)]
                firm = next(f for f in candidates if f in pool)
            elif rule.startswith("tech_sme"):
                firm = next(f for f in pool if self.tech_sme_fits(f))
            else:
                firm = next(f for f in pool)
            pool.remove(firm)
            self.near_miss(firm, rule, gap)
            self.near_misses.append((firm, rule))

    def near_miss(self, firm: Firm, rule: str, gap) -> None:
        for year in RULE_YEARS:  # one head count, so the ratio shown is the ratio judged
            facts = firm.facts[year]
            facts["staff_average"] = facts["staff_183_days"] = facts["staff_total"]
        if rule.startswith("tech_sme"):
            firm.tax_mode = "audit"
            for year in TECH_SME_YEARS:
                facts = firm.facts[year]
                facts["compliance_incidents"] = 0
                if rule == "tech_sme_score":
                    self.reach_score(facts, 0, exact=60 - gap)
                else:
                    self.reach_score(facts, 60)
            facts = firm.facts[2024]
            if rule == "tech_sme_staff_score":  # 科技人员 under 10%: the staff score is 0
                facts["staff_sci_tech"] = int(facts["staff_total"] * Decimal("0.09"))
                facts["rd_expense"] = money(float(facts["operating_revenue"] * Decimal("0.065")))
                facts["rd_expense_domestic"] = facts["rd_expense"]
                facts["ip_class1_count"] = max(1, facts["ip_class1_count"] or 0)
            elif rule == "tech_sme_sales":
                facts["operating_revenue"] = TECH_SME_LIMITS["operating_revenue"] + gap
                facts["main_business_revenue"] = min(
                    facts["main_business_revenue"], facts["operating_revenue"]
                )
                facts["total_revenue"] = max(facts["total_revenue"], facts["operating_revenue"])
                facts["rd_expense"] = money(float(facts["operating_revenue"] * Decimal("0.065")))
                facts["rd_expense_domestic"] = facts["rd_expense"]
                facts["ip_class1_count"] = max(1, facts["ip_class1_count"] or 0)
            return
        self.satisfy_high_tech(firm, margin=gap if rule == "rd_band" else None)
        latest = firm.facts[2024]
        if rule == "sci_tech_staff":
            staff = max(latest["staff_total"], latest["staff_average"], latest["staff_183_days"])
            latest["staff_sci_tech"] = int(staff * (HIGH_TECH_MIN["sci_tech_staff"] - gap))
        elif rule == "high_tech_revenue":
            latest["high_tech_revenue"] = money(
                float(latest["total_revenue"] * (HIGH_TECH_MIN["high_tech_revenue"] - gap))
            )
        elif rule == "domestic_rd":  # judged on the three years' totals
            for year in RULE_YEARS:
                facts = firm.facts[year]
                facts["rd_expense_domestic"] = money(
                    float(facts["rd_expense"] * (HIGH_TECH_MIN["domestic_rd"] - gap))
                )
        elif rule == "no_ip":
            for year in RULE_YEARS:
                firm.facts[year]["ip_class1_count"] = firm.facts[year]["ip_class2_count"] = 0


@dataclass
class Grant:
    """A view of one qualification tuple of a Firm (code, granted, number, expires, note)."""

    firm: Firm
    index: int

    @property
    def granted(self) -> datetime.date:
        return self.firm.quals[self.index][1]

    def note(self, text: str) -> None:
        code, granted, number, expires, *_ = self.firm.quals[self.index]
        self.firm.quals[self.index] = (code, granted, number, expires, text)


def certificate(firm: Firm) -> Grant:
    """The firm's latest 高企 certificate."""
    indexes = [i for i, q in enumerate(firm.quals) if q[0] == "high_tech"]
    return Grant(firm, max(indexes, key=lambda i: firm.quals[i][1]))


VALIDITY_YEARS = {"high_tech": 3}


def holds(firm: Firm, code: str, day: datetime.date) -> bool:
    """Whether ``firm`` holds a valid ``code`` on ``day`` (expiry given, or 3 years for 高企)."""
    for q_code, granted, _number, expires, *_ in firm.quals:
        if q_code != code or granted > day:
            continue
        if expires is None and code in VALIDITY_YEARS:
            expires = granted.replace(year=granted.year + VALIDITY_YEARS[code]) - datetime.timedelta(days=1)
        if expires is None or expires >= day:
            return True
    return False


IP_TITLES = {
    "invention": "一种{p}的制备方法",
    "utility": "一种{p}用固定装置",
    "design": "{p}（外观）",
    "software": "{p}管理系统V{v}.0",
    "ic_layout": "{p}控制芯片布图设计",
    "trademark": "{p}商标",
}
IP_KINDS_CLASS1 = ("invention", "invention", "invention", "invention", "ic_layout")
IP_KINDS_CLASS2 = ("utility", "utility", "utility", "design", "software", "software")
# How long an application waits for its grant, in days (invention, utility model, …).
GRANT_WAIT = {
    "invention": (500, 1100),
    "ic_layout": (90, 200),
    "utility": (150, 360),
    "design": (120, 300),
    "software": (30, 90),
    "trademark": (270, 420),
}


def ip_number(kind: str, applied: datetime.date, serial: int) -> str:
    code = {"invention": 1, "utility": 2, "design": 3}.get(kind)
    if code:
        return f"ZL{applied.year}{code}{serial:07d}.{serial % 10}"
    if kind == "software":
        return f"{applied.year}SR{serial:07d}"
    if kind == "ic_layout":
        return f"BS.{applied.year % 100:02d}5{serial:05d}.{serial % 10}"
    return f"第{serial:08d}号"


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
        ("ip-assets", demo.ip_table()),
        ("equity-financings", demo.equity_table()),
    ):
        extra = {"is_demo": True} if kind == "enterprises" else None
        result = run_import(get_spec(kind)(user, extra_values=extra), table, commit=True, filename="演示数据")
        if not result.ok:
            first = result.errors[:5] or result.file_error
            raise RuntimeError(f"demo {kind} failed: {first}")
        results[kind] = result.as_dict()["summary"]
    return results
