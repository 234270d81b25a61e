"""The demo zone's key projects (重点项目), as of the demo's evaluation date, 30 September 2025.

From the report (seed-facts.md §3, §7), exact: the named projects and the figures of the
lists. Everything else — the other projects, owners, amounts where the report gives none,
dates, schedules, investment, problems — is synthetic, drawn from a fixed seed.

The design of the lists (the report does not say how they overlap; this is our choice):

    group  projects  total (万元)   lists
    I        139     18,428,000     implementable (在谋可实施类产业项目, 1842.8 亿元), sizhong_2025
                                    80 of them (4 of the five major projects + 76) also key_2025:
                                    6,658,800; the other 59 (big, mostly 谋划/储备): 11,769,200
    C         36        989,000     construction_producing (在建可达产类项目, 98.9 亿元),
                                    sizhong_2025, key_2025 (all 36); 8 put into production in 2025
    O         27      2,350,000     other 四重 projects (infrastructure, services, 创新创业街区和
                                    数智科创新城 of the five major projects): sizhong_2025;
                                    15 of them also key_2025: 1,200,000
    P         11         —          ≥1 亿元, put into production in 2024 (斯诺鱼板材料,
                                    园区集中供热一期 5.5 亿元, 晶星科技, 齐星车辆 + 7 synthetic,
                                    one of exactly 1 亿元); 省/市重点, not on the 2025 lists
    X          5         —          国能长源随州火电厂 (49.9 亿元, in production since 2023 —
                                    the year is synthetic), two projects under 1 亿元 put into
                                    production in 2024, one suspended, one terminated

    sizhong_2025 = I + C + O = 202 projects, 21,767,000 万元 (2176.7 亿元) — also the report's
                   2024 "谋划“四重”项目总投资突破2000亿元, 其中 I, C" (our reading: one list)
    key_2025 = 80 + 36 + 15 = 131 projects, 6,658,800 + 989,000 + 1,200,000 = 8,847,800 万元 (884.78 亿元)
    five_major = the research-and-production base (name blank in the report; 110 亿元 is our
    figure for its "100 亿元+"), 随州火电厂(二期) 60 亿元, 中盐红色经典 30 亿元,
    化工新材料产业园 30 亿元, 创新创业街区和数智科创新城 25 亿元

Rated projects (签约, 在建, 竣工投产) get a backward schedule from the default templates
(the dates ``services.backward_dates`` computes, the same as ``schedule_create``), an
approved baseline, actual dates for the nodes done, 2024 and January–September 2025 plans
and cumulative investment, and problems. Each has a planned outcome ("fate"): most are on
track; a few are behind on investment, have a node past its baseline, or an overdue
problem — so ``recompute_lights(as_of=2025-09-30)`` gives mostly green, some yellow, some
red. Investment is judged on the last period due by the reporting calendar: on 30 September
that is 1–8月 against 8/12 of the plan (1–9月 is due on 5 October), so a fate's share of 序时
is set on 1–8月, and again on 1–9月 against 9/12 (the September figures are already in, as a
draft: judged from 5 October on, they keep the same fates). 晶星新能源新材料项目 (led by 经济发展局, where the ``clerk`` persona works) is red only
because its 纳统 node is open: recording that node turns it green (the demo walk).

Rows are written with ``bulk_create``; their audit rows (``core.audit.change_rows``) are
stored the way the imports store theirs, under the loader's context.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils import timezone

SEED = 20250930 + 4  # issue 4
AS_OF = datetime.date(2025, 9, 30)
# The investment period judged on AS_OF by the reporting calendar (重点项目投资月报, due on the
# 5th of the next month): 1–8月, due 5 September; 1–9月 falls due on 5 October.
DUE_DAY = 5
JUDGED_MONTHS = 8
WAN = Decimal(1)

LISTS = [
    # code, name, year, description
    (
        "sizhong_2025",
        "“四重”项目（2025年）",
        2025,
        "报道：2024年谋划“四重”项目总投资突破2000亿元，其中重点在谋可实施类产业项目139个（1842.8亿元）、"
        "重点在建可达产类项目36个（98.9亿元）；2025年紧盯202个、总投资2176.7亿元的“四重项目”，倒排工期推进。"
        "演示数据视为同一清单。",
    ),
    (
        "key_2025",
        "重点项目（2025年）",
        2025,
        "报道：2025年续建、新开工、谋划重点项目131个，总投资884.78亿元。",
    ),
    (
        "five_major",
        "五大工程",
        2025,
        "报道：某研发生产基地（100亿元以上）、随州火电厂（二期）、中盐红色经典搬迁扩建、化工新材料产业园、"
        "创新创业街区和数智科创新城。",
    ),
    (
        "implementable",
        "重点在谋可实施类产业项目",
        None,
        "报道：“四重”项目中重点在谋可实施类产业项目139个，总投资1842.8亿元。",
    ),
    (
        "construction_producing",
        "重点在建可达产类项目",
        None,
        "报道：“四重”项目中重点在建可达产类项目36个，总投资98.9亿元。",
    ),
    ("provincial_key", "省重点项目", 2025, "演示数据：入选名单为合成数据。"),
    ("city_key", "市重点项目", 2025, "演示数据：入选名单为合成数据。"),
]

# Extra leaders for 包保 (synthetic; the loader creates the 管委会主任 with the leader persona).
LEADERS = [
    ("管委会常务副主任（演示）", "常务副主任"),
    ("管委会副主任（演示·工业）", "副主任"),
    ("管委会副主任（演示·城建）", "副主任"),
]

PRODUCTS = {
    "fine_chemicals": [
        "电子化学品",
        "高端精细化学品",
        "氟化工新材料",
        "医药中间体",
        "水处理剂",
        "特种助剂",
        "新型涂料",
    ],
    "new_energy_materials": [
        "锂电正极材料",
        "磷酸铁锂",
        "电池隔膜",
        "光伏组件",
        "储能电池",
        "负极材料",
        "铝箔新材料",
    ],
    "high_end_equipment": [
        "专用汽车",
        "应急装备",
        "新能源专用车",
        "汽车零部件",
        "智能制造装备",
        "液压件",
        "车桥",
    ],
    "biomedicine": ["原料药", "医疗器械", "生物制剂", "中药饮片", "口服制剂"],
    "electronic_information": ["电子元器件", "智能终端", "算力中心", "光电显示", "传感器"],
}
WORKS = [
    "标准化厂房",
    "污水处理厂提标改造",
    "园区道路管网",
    "安置小区",
    "综合管廊",
    "科创孵化器",
    "职业技能实训基地",
    "110kV变电站",
    "现代物流园",
    "邻里中心",
    "天然气管网",
    "园区绿化提升",
    "企业服务中心",
    "公共检测平台",
]
PROBLEMS = {
    "land": ["项目用地征收报批尚未完成，影响土地摘牌", "用地指标不足，需调整供地时序"],
    "funds": ["项目资本金到位不足，需协调银行贷款", "设备款支付滞后，供应商暂停发货"],
    "approval": ["环评批复尚未取得", "施工许可办理材料需补正", "能评审查排队时间较长"],
    "utilities": ["10kV专线接入未完成", "天然气管道接驳滞后", "施工用水用电未接通"],
    "labour": ["技术工人招聘缺口较大", "施工高峰期劳务人员不足"],
    "demolition": ["红线内剩余3户未完成拆迁", "厂区搬迁补偿方案尚未确定"],
    "other": ["周边道路未贯通，影响大件设备运输", "设计方案需按专家意见修改"],
}
DEPARTMENT_OF_CATEGORY = {
    "land": "建设局",
    "funds": "经济发展局",
    "approval": "政务服务局",
    "utilities": "建设局",
    "labour": "经济发展局",
    "demolition": "建设局",
    "other": "投资促进局",
}
# Outcomes of rated projects, with their weights for synthetic ones.
FATES = [
    ("green", 76),
    ("yellow_invest", 7),
    ("yellow_problem", 5),
    ("yellow_node", 4),
    ("red_invest", 4),
    ("red_problem", 2),
    ("red_node", 2),
]
RATED = {"signed", "construction", "production"}


@dataclass
class Spec:
    name: str
    group: str  # I, C, O, P, X
    total: Decimal = Decimal(0)
    stage: str = "planning"
    nature: str = "new"
    lead: str | None = None
    park: str = "chengdong"
    owner: str = ""  # a registry enterprise's name
    owner_name: str = ""  # not registered
    lists: set = field(default_factory=set)
    target: datetime.date | None = None  # the anchor node (竣工验收) date
    template: str | None = None
    fate: str = "green"
    fate_node: str = ""  # the node a *_node fate leaves open (else chosen)
    department: str = "经济发展局"
    leader: int = 0  # index into the leaders
    description: str = "演示数据（合成）。"
    frequency: str = "monthly"
    production_due: datetime.date | None = None  # P group: when the 投产 node falls due
    fixed: bool = False  # named: fate and leader as given
    # filled in while building
    nodes: dict = field(default_factory=dict)  # code -> [name, seq, duration, preds, gate, planned, actual]
    production_date: datetime.date | None = None
    statistics_date: datetime.date | None = None
    stage_since: datetime.date | None = None
    planned_start: datetime.date | None = None
    planned_completion: datetime.date | None = None
    plans: dict = field(default_factory=dict)  # year -> amount
    cumulative: dict = field(default_factory=dict)  # (year, month) -> amount
    stage_changes: list = field(default_factory=list)  # (from, to, date)


def spread(
    rng: random.Random, n: int, total: int, floor: int, step: int = 100, sigma: float = 0.8
) -> list[int]:
    """``n`` whole amounts (multiples of ``step`` 万元, each ≥ ``floor``) adding up to ``total``."""
    weights = [rng.lognormvariate(0, sigma) for _ in range(n)]
    budget = total - floor * n
    assert budget >= 0, (n, total, floor)
    scale = budget / sum(weights)
    amounts = [floor + int(w * scale) // step * step for w in weights]
    amounts[max(range(n), key=lambda i: amounts[i])] += total - sum(amounts)
    assert sum(amounts) == total and min(amounts) >= floor
    return amounts


def day_between(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=rng.randint(0, (high - low).days))


class ProjectDemo:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.specs: list[Spec] = []
        self.names: set[str] = set()

    # -- the projects ----------------------------------------------------------------------
    def add(self, spec: Spec) -> Spec:
        assert spec.name not in self.names, spec.name
        self.names.add(spec.name)
        self.specs.append(spec)
        return spec

    def industrial_name(self, lead: str, nature: str) -> str:
        from .generator import NAME_HEADS

        suffix = {"new": "项目", "expansion": "扩建项目", "renovation": "技改项目", "continued": "项目"}[
            nature
        ]
        while True:
            head = "".join(self.rng.sample(NAME_HEADS, 2))
            name = f"{head}{self.rng.choice(PRODUCTS[lead])}{suffix}"
            if name not in self.names:
                return name

    def works_name(self, park_label: str) -> str:
        while True:
            phase = self.rng.choice(["", "（一期）", "（二期）", "（三期）"])
            name = f"{park_label}{self.rng.choice(WORKS)}{phase}"
            if name not in self.names:
                return name

    def industrial(self, group: str, total: int, stage: str, lists: set) -> Spec:
        rng = self.rng
        lead = rng.choice(list(PRODUCTS))
        nature = rng.choices(["new", "expansion", "renovation"], weights=[6, 2, 2])[0]
        park = (
            "qingchun"
            if lead == "fine_chemicals"
            else "bigdata"
            if lead == "electronic_information" and rng.random() < 0.6
            else rng.choice(["chengdong", "chengbei"])
        )
        department = rng.choices(
            ["经济发展局", "投资促进局", "科技创新局"],
            weights=[4, 4, 2 if lead in ("biomedicine", "electronic_information") else 1],
        )[0]
        return self.add(
            Spec(
                self.industrial_name(lead, nature),
                group,
                Decimal(total),
                stage,
                nature,
                lead,
                park,
                lists=lists,
                department=department,
                leader=rng.randint(0, 3),
            )
        )

    def works(self, group: str, total: int, stage: str, lists: set) -> Spec:
        rng = self.rng
        park = rng.choice(
            [("城东园区", "chengdong"), ("城北园区", "chengbei"), ("青春化工工业园", "qingchun")]
        )
        return self.add(
            Spec(
                self.works_name(park[0]),
                group,
                Decimal(total),
                stage,
                "new",
                None,
                park[1],
                owner_name="随州高新区城市建设投资平台（演示）",
                lists=lists,
                department=rng.choice(["建设局", "建设局", "政务服务局"]),
                leader=rng.choice([0, 1, 3, 3]),
            )
        )

    def build_specs(self) -> None:
        rng = self.rng
        sizhong = {"sizhong_2025"}
        I_key, I_rest = sizhong | {"implementable", "key_2025"}, sizhong | {"implementable"}
        C_lists = sizhong | {"construction_producing", "key_2025"}
        O_key, O_rest = sizhong | {"key_2025"}, set(sizhong)
        five = {"five_major", "provincial_key"}
        # The five major projects (报道). Targets, stages and owners are synthetic.
        self.add(
            Spec(
                "某研发生产基地（名称原文空缺）",
                "I",
                Decimal(1_100_000),  # synthetic: the report says "100 亿元+"
                "signed",
                lead="new_energy_materials",
                park="chengbei",
                owner_name="（报道未载明）",
                lists=I_key | five,
                target=datetime.date(2027, 2, 26),
                department="投资促进局",
                frequency="weekly",
                description="报道：五大工程之一，研发生产基地，总投资100亿元以上（项目名称原文空缺）。",
            )
        )
        self.add(
            Spec(
                "随州火电厂（二期）2×100MW扩建项目",
                "I",
                Decimal(600_000),
                "construction",
                "expansion",
                park="chengbei",
                owner="国能长源随州发电",
                lists=I_key | five,
                target=datetime.date(2026, 6, 30),
                frequency="weekly",
                description="报道：五大工程之一，随州火电厂（二期）2×100MW扩建，总投资60亿元。",
            )
        )
        self.add(
            Spec(
                "中盐红色经典搬迁扩建项目",
                "I",
                Decimal(300_000),
                "signed",
                "expansion",
                "fine_chemicals",
                "qingchun",
                owner="中盐红色经典",
                lists=I_key | five,
                target=datetime.date(2026, 4, 30),
                fate="red_node",
                fate_node="land",
                department="建设局",
                frequency="weekly",
                description="报道：五大工程之一，中盐红色经典搬迁扩建，总投资30亿元。",
            )
        )
        self.add(
            Spec(
                "化工新材料产业园",
                "I",
                Decimal(300_000),
                "construction",
                lead="fine_chemicals",
                park="qingchun",
                owner_name="随州高新区产业投资平台（演示）",
                lists=I_key | five,
                target=datetime.date(2026, 8, 31),
                department="投资促进局",
                frequency="weekly",
                description="报道：五大工程之一，化工新材料产业园，总投资30亿元。",
            )
        )
        self.add(
            Spec(
                "创新创业街区和数智科创新城",
                "O",
                Decimal(250_000),
                "construction",
                park="chengdong",
                owner_name="随州高新区城市建设投资平台（演示）",
                lists=O_key | five,
                target=datetime.date(2026, 3, 31),
                department="科技创新局",
                frequency="weekly",
                description="报道：五大工程之一，创新创业街区和数智科创新城，总投资25亿元。",
            )
        )
        # Captioned in the report; amounts and dates synthetic.
        self.add(
            Spec(
                "晶星新能源新材料项目",
                "C",
                Decimal(50_000),
                "construction",
                lead="new_energy_materials",
                park="chengbei",
                owner="晶星科技",
                lists=C_lists | {"city_key"},
                target=datetime.date(2025, 12, 20),
                fate="red_node",
                fate_node="statistics",
                description="报道配图项目。纳统节点未完成，为演示亮灯与销号。",
            )
        )
        self.add(
            Spec(
                "随州市人才公寓",
                "O",
                Decimal(60_000),
                "construction",
                park="chengdong",
                owner_name="随州高新区城市建设投资平台（演示）",
                lists=O_key,
                target=datetime.date(2026, 5, 31),
                department="建设局",
                leader=3,
                description="报道配图项目；投资额与进度为合成数据。",
            )
        )
        self.add(
            Spec(
                "随州大数据产业园建设项目",
                "O",
                Decimal(100_000),
                "construction",
                lead="electronic_information",
                park="bigdata",
                owner_name="随州高新区产业投资平台（演示）",
                lists=O_key | {"city_key"},
                target=datetime.date(2026, 7, 31),
                department="科技创新局",
                leader=1,
                description="报道配图项目；投资额与进度为合成数据。",
            )
        )
        for spec in self.specs:
            spec.fixed = True
        next(s for s in self.specs if s.name == "化工新材料产业园").fate = "yellow_invest"  # behind its plan
        # I: 76 synthetic key ones, 59 not key.
        stages = ["construction"] * 24 + ["signed"] * 30 + ["reserve"] * 12 + ["planning"] * 10
        for total, stage in zip(spread(rng, 76, 4_358_800, 10_000), stages, strict=True):
            self.industrial("I", total, stage, I_key | ({"city_key"} if rng.random() < 0.4 else set()))
        stages = ["planning"] * 33 + ["reserve"] * 20 + ["signed"] * 6
        for total, stage in zip(spread(rng, 59, 11_769_200, 20_000, sigma=1.0), stages, strict=True):
            self.industrial("I", total, stage, I_rest | ({"provincial_key"} if total >= 500_000 else set()))
        # C: 35 synthetic (8 put into production in 2025).
        stages = ["production"] * 8 + ["construction"] * 27
        for total, stage in zip(spread(rng, 35, 939_000, 6_000, sigma=0.6), stages, strict=True):
            self.industrial("C", total, stage, C_lists | ({"city_key"} if rng.random() < 0.5 else set()))
        # O: 12 synthetic key ones, 12 not key.
        stages = ["construction"] * 9 + ["signed"] * 3
        for total, stage in zip(spread(rng, 12, 790_000, 10_000), stages, strict=True):
            self.works("O", total, stage, O_key)
        stages = ["construction"] * 5 + ["signed"] * 3 + ["planning"] * 4
        for total, stage in zip(spread(rng, 12, 1_150_000, 20_000), stages, strict=True):
            self.works("O", total, stage, O_rest)
        self.build_producers_2024()
        self.build_extras()
        for spec in self.specs:
            if spec.template is None and spec.stage in RATED:
                spec.template = "renovation" if spec.nature == "renovation" else "industrial"
            if spec.stage in RATED and spec.target is None:
                spec.target = self.target_for(spec)
            if spec.fixed:
                continue
            if spec.stage in RATED and spec.group in ("I", "C", "O"):
                spec.fate = rng.choices([f for f, _w in FATES], weights=[w for _f, w in FATES])[0]
            if spec.department == "经济发展局" and spec.group in ("I", "C"):
                spec.leader = rng.choice([0, 0, 2])

    def build_producers_2024(self) -> None:
        """The 11 projects of ≥1 亿元 put into production in 2024 (four named)."""
        rng = self.rng
        lists = {"city_key"}
        named = [
            ("斯诺鱼板材料项目", 32_000, "new", "new_energy_materials", "chengbei", "斯诺", "industrial"),
            ("园区集中供热一期项目", 55_000, "new", None, "qingchun", "国能长源随州发电", "industrial"),
            ("晶星科技项目", 60_000, "new", "new_energy_materials", "chengbei", "晶星科技", "industrial"),
            (
                "齐星车辆项目",
                25_000,
                "renovation",
                "high_end_equipment",
                "chengdong",
                "齐星车辆",
                "renovation",
            ),
        ]
        for name, total, nature, lead, park, owner, template in named:
            self.add(
                Spec(
                    name,
                    "P",
                    Decimal(total),
                    "production",
                    nature,
                    lead,
                    park,
                    owner=owner,
                    lists=lists | ({"provincial_key"} if total >= 50_000 else set()),
                    template=template,
                    description="报道：2024年竣工投产的亿元以上项目之一（投资额、日期为合成数据）。"
                    if name != "园区集中供热一期项目"
                    else "报道：2024年竣工投产，总投资5.5亿元。",
                )
            )
        # Synthetic: 3 more new-build (one of exactly 1 亿元, one still short of 达产 — red),
        # 4 technical renovations.
        for total, nature in (
            (10_000, "new"),
            (rng.randint(12, 40) * 1000, "new"),
            (rng.randint(12, 40) * 1000, "new"),
            (rng.randint(11, 30) * 1000, "renovation"),
            (rng.randint(11, 30) * 1000, "renovation"),
            (rng.randint(11, 30) * 1000, "renovation"),
        ):
            spec = self.industrial("P", total, "production", lists)
            spec.nature, spec.template = nature, "renovation" if nature == "renovation" else "industrial"
            spec.name = spec.name.replace("扩建项目", "项目").replace("技改项目", "项目")
            if nature == "renovation":
                spec.name = spec.name.replace("项目", "技改项目")
        # One more synthetic new build, the red one: its 达产 node is long overdue.
        spec = self.industrial("P", rng.randint(15, 30) * 1000, "production", lists)
        spec.nature, spec.template, spec.fate, spec.fate_node = "new", "industrial", "red_node", "capacity"
        spec.department, spec.leader = "经济发展局", 2
        dues = sorted(
            day_between(rng, datetime.date(2024, 2, 15), datetime.date(2024, 11, 30)) for _ in range(11)
        )
        producers = [s for s in self.specs if s.group == "P"]
        for spec, due in zip(producers, dues, strict=True):
            spec.production_due = due
            spec.target = due - datetime.timedelta(days=15)
            if spec.template == "industrial" and spec.fate == "green":
                spec.stage = "capacity"
        self.names = {s.name for s in self.specs}
        assert len(self.names) == len(self.specs)

    def build_extras(self) -> None:
        self.add(
            Spec(
                "国能长源随州火电厂",
                "X",
                Decimal(499_000),
                "capacity",
                park="chengbei",
                owner="国能长源随州发电",
                lists={"provincial_key"},
                template="industrial",
                target=datetime.date(2023, 6, 15),  # synthetic: in production in mid-2023
                production_due=datetime.date(2023, 6, 30),
                description="报道配图：国能长源随州火电厂，总投资49.9亿元（投产日期为合成数据）。",
            )
        )
        for name, total, due in (
            ("华瑞包装材料技改项目", 6_000, datetime.date(2024, 5, 20)),
            ("德润精密铸件技改项目", 9_999, datetime.date(2024, 9, 10)),  # just under 1 亿元
        ):
            self.add(
                Spec(
                    name,
                    "X",
                    Decimal(total),
                    "production",
                    "renovation",
                    "high_end_equipment",
                    "chengdong",
                    owner_name=name.replace("技改项目", "有限公司"),
                    template="renovation",
                    target=due - datetime.timedelta(days=15),
                    production_due=due,
                    lists={"city_key"},
                )
            )
        self.add(
            Spec(
                "鼎昌光伏玻璃项目",
                "X",
                Decimal(80_000),
                "suspended",
                lead="new_energy_materials",
                park="chengbei",
                owner_name="鼎昌光伏玻璃有限公司（拟注册）",
                department="投资促进局",
                description="演示数据（合成）：因市场原因停缓建。",
            )
        )
        self.add(
            Spec(
                "汇丰纺织印染项目",
                "X",
                Decimal(20_000),
                "terminated",
                park="chengdong",
                owner_name="汇丰纺织有限公司（拟注册）",
                department="投资促进局",
                description="演示数据（合成）：不符合园区产业定位，终止。",
            )
        )

    def target_for(self, spec: Spec) -> datetime.date:
        """The anchor date that fits the stage (industrial template: start = anchor − 360 days,
        signing = anchor − 540 days; renovation: start = anchor − 150 days)."""
        rng = self.rng
        before_start = 150 if spec.template == "renovation" else 360
        if spec.stage == "signed":
            if spec.template == "renovation":
                return day_between(rng, datetime.date(2026, 3, 5), datetime.date(2026, 8, 20))
            return day_between(rng, datetime.date(2026, 10, 1), datetime.date(2027, 3, 20))
        if spec.stage == "production":
            return day_between(rng, datetime.date(2025, 3, 20), datetime.date(2025, 9, 5))
        low = datetime.date(2025, 10, 20)
        high = AS_OF + datetime.timedelta(days=before_start - 5)
        return day_between(rng, low, high)

    # -- schedules ---------------------------------------------------------------------------
    def schedule(self, spec: Spec, templates: dict) -> None:
        from gaoxin.projects.models import stage_rank
        from gaoxin.projects.services import Node, add_months, backward_dates

        rng = self.rng
        template_nodes = templates[spec.template]
        nodes = [Node(n.code, n.duration_days, list(n.pred_codes), n.is_anchor) for n in template_nodes]
        dates = backward_dates(nodes, spec.target)
        by_code = {n.code: n for n in template_nodes}
        successors = {n.code: [] for n in template_nodes}
        for n in template_nodes:
            for p in n.pred_codes:
                successors[p].append(n.code)

        def descendants(code):
            seen, stack = set(), [code]
            while stack:
                c = stack.pop()
                if c not in seen:
                    seen.add(c)
                    stack.extend(successors[c])
            return seen

        rank = stage_rank(spec.stage) if spec.stage not in ("suspended", "terminated") else 5
        open_codes: set[str] = set()
        due = {code: dates[code] for code in dates}
        if spec.fate in ("yellow_node", "red_node"):
            candidates = []
            for code in by_code:
                later = descendants(code)
                if any(by_code[c].gate_stage and stage_rank(by_code[c].gate_stage) <= rank for c in later):
                    continue
                if spec.fate == "red_node" and due[code] < datetime.date(2025, 6, 29):
                    candidates.append(code)
                if spec.fate == "yellow_node" and datetime.date(2025, 7, 5) <= due[code] <= AS_OF:
                    candidates.append(code)
            if spec.fate_node:
                assert spec.fate_node in candidates, (spec.name, spec.fate_node, candidates)
                chosen = spec.fate_node
            elif candidates:
                chosen = max(candidates, key=lambda c: due[c])
            else:
                chosen = None
                spec.fate = spec.fate.replace("node", "invest")
            if chosen:
                open_codes = descendants(chosen)
        actual: dict[str, datetime.date] = {}
        for n in template_nodes:  # in sequence: predecessors first
            code = n.code
            if code in open_codes or due[code] > AS_OF or code == "statistics":
                continue
            if spec.production_due and code == "production":
                day = spec.production_due + datetime.timedelta(days=rng.randint(-5, 20))
            else:
                late = rng.random() < 0.3
                day = due[code] + datetime.timedelta(days=rng.randint(1, 25) if late else rng.randint(-6, 0))
            for p in n.pred_codes:
                if p in actual:
                    day = max(day, actual[p])
            actual[code] = min(day, AS_OF)
        if "start" in actual and "statistics" not in actual and "statistics" not in open_codes:
            # 纳统 follows the actual start: done within a month when it can be by the day.
            day = actual["start"] + datetime.timedelta(days=rng.randint(15, 30))
            if day <= AS_OF:
                actual["statistics"] = day
            elif due["statistics"] <= AS_OF or add_months(actual["start"], 1) < AS_OF:
                actual["statistics"] = AS_OF
        if spec.stage == "capacity" and "capacity" not in actual:
            spec.stage = "production"
        for n in template_nodes:
            spec.nodes[n.code] = [n, dates[n.code], actual.get(n.code)]
        spec.planned_start = dates.get("start")
        spec.planned_completion = spec.target
        spec.production_date = actual.get("production") if spec.stage in ("production", "capacity") else None
        spec.statistics_date = actual.get("statistics")
        previous = "planning"
        steps = (
            ("sign", "signed"),
            ("start", "construction"),
            ("production", "production"),
            ("capacity", "capacity"),
        )
        for code, stage in steps:
            if stage_rank(stage) <= rank and code in actual:
                spec.stage_changes.append((previous, stage, actual[code]))
                previous = stage
        if spec.stage_changes:
            spec.stage_since = spec.stage_changes[-1][2]
        elif actual:
            spec.stage_since = min(actual.values())

    # -- investment ------------------------------------------------------------------------
    def invest(self, spec: Spec) -> None:
        """Plans and cumulative 1–N月 investment for 2024 and 2025 (integers of 万元)."""
        from gaoxin.projects.services import time_progress

        rng = self.rng
        actual = {code: a for code, (_n, _d, a) in spec.nodes.items() if a}
        first = actual.get("start") or (actual.get("land") if spec.stage == "signed" else None)
        if spec.stage == "signed" and spec.template == "renovation":
            first = actual.get("assessment")
        if first is None:
            return
        total = spec.total
        prior = Decimal(0)
        if first.year <= 2024 and spec.group != "X":
            share = Decimal(str(rng.uniform(0.45, 0.75) if spec.group == "P" else rng.uniform(0.08, 0.3)))
            if spec.stage == "signed":
                share = Decimal(str(rng.uniform(0.01, 0.03)))
            prior = (total * share).quantize(WAN, ROUND_FLOOR)
            spec.plans[2024] = (prior * Decimal(str(rng.uniform(0.9, 1.12)))).quantize(WAN)
            self.path(spec, 2024, first.month if first.year == 2024 else 1, 12, prior)
        if spec.group in "PX" or spec.stage not in RATED:
            return
        if spec.stage == "signed":
            plan = total * Decimal(str(rng.uniform(0.03, 0.08)))
        elif spec.stage == "production":
            plan = (total - prior) * Decimal(str(rng.uniform(0.6, 0.9)))
        else:
            plan = min(total * Decimal(str(rng.uniform(0.2, 0.4))), total * Decimal("0.95") - prior)
        plan = plan.quantize(WAN, ROUND_FLOOR)
        spec.plans[2025] = plan
        ratio = {
            "yellow_invest": rng.uniform(0.56, 0.94),
            "red_invest": rng.uniform(0.15, 0.42),
        }.get(spec.fate, rng.uniform(1.0, 1.2))
        rounding = ROUND_CEILING if ratio >= 1 else ROUND_FLOOR

        def at(months: int) -> Decimal:  # the fate's share of 序时 for 1–``months``月
            return (time_progress(plan, months) * Decimal(str(ratio))).quantize(WAN, rounding)

        # Judged on AS_OF: 1–8月 against 8/12 (1–9月 is due on 5 October); the September value,
        # filed early, keeps the fate once it is due.
        start = first.month if first.year == 2025 else 1
        self.path(spec, 2025, min(start, JUDGED_MONTHS), JUDGED_MONTHS, at(JUDGED_MONTHS), draws=10 - start)
        spec.cumulative[(2025, 9)] = max(at(9), spec.cumulative[(2025, JUDGED_MONTHS)])

    def path(self, spec: Spec, year: int, first: int, last: int, end: Decimal, draws: int = 0) -> None:
        """Cumulative values rising from ``first`` to ``end`` at ``last``; ``draws`` random
        numbers are drawn whatever the months (so the rest of the demo stays the same)."""
        drawn = [self.rng.uniform(0.5, 1.5) for _ in range(max(draws, last - first + 1))]
        steps = drawn[: last - first + 1]
        running, whole = 0.0, sum(steps)
        for month, step in zip(range(first, last + 1), steps, strict=True):
            running += step
            value = end if month == last else (end * Decimal(str(running / whole))).quantize(WAN, ROUND_FLOOR)
            spec.cumulative[(year, month)] = value

    # -- problems ------------------------------------------------------------------------------
    def problems(self, spec: Spec) -> list[dict]:
        """Problems as dicts (category, description, status, dates); overdue ones for the
        problem fates, closed and in-hand ones for others."""
        rng = self.rng
        out = []

        def problem(category, deadline, status, raised_days=None):
            raised = deadline - datetime.timedelta(days=raised_days or rng.randint(15, 45))
            item = {
                "category": category,
                "description": rng.choice(PROBLEMS[category]),
                "raised_on": raised,
                "deadline": deadline,
                "status": status,
                "answered_on": None,
                "closed_on": None,
                "feedback": "",
            }
            if status in ("answered", "closed"):
                item["answered_on"] = min(deadline + datetime.timedelta(days=rng.randint(-10, 5)), AS_OF)
                item["answered_on"] = max(item["answered_on"], raised)
                item["feedback"] = "已协调相关单位办理，详见反馈材料。"
            if status == "closed":
                item["closed_on"] = min(
                    item["answered_on"] + datetime.timedelta(days=rng.randint(1, 10)), AS_OF
                )
            out.append(item)

        categories = list(PROBLEMS)
        if spec.fate in ("yellow_problem", "red_problem") or spec.name == "中盐红色经典搬迁扩建项目":
            days = rng.randint(3, 28) if spec.fate == "yellow_problem" else rng.randint(35, 100)
            category = "demolition" if spec.name.startswith("中盐") else rng.choice(categories)
            problem(
                category,
                AS_OF - datetime.timedelta(days=days),
                rng.choice(["assigned", "in_progress", "answered"]),
            )
        if spec.stage in RATED:
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                deadline = day_between(rng, datetime.date(2025, 1, 15), datetime.date(2025, 9, 20))
                problem(rng.choice(categories), deadline, "closed")
            if rng.random() < 0.25:
                deadline = day_between(rng, datetime.date(2025, 10, 8), datetime.date(2025, 12, 15))
                problem(
                    rng.choice(categories),
                    deadline,
                    rng.choice(["assigned", "in_progress"]),
                    rng.randint(20, 60),
                )
        return out

    def build(self, templates: dict) -> "ProjectDemo":
        self.build_specs()
        for spec in self.specs:
            if spec.template:
                self.schedule(spec, templates)
            elif spec.stage_since is None:
                spec.stage_since = day_between(
                    self.rng, datetime.date(2024, 9, 1), datetime.date(2025, 8, 31)
                )
                spec.planned_start = day_between(
                    self.rng, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
                )
                spec.planned_completion = spec.planned_start + datetime.timedelta(days=540)
            self.invest(spec)
            spec.problem_rows = self.problems(spec)
        return self


# --- storing ----------------------------------------------------------------------------------


def load_templates() -> dict:
    from gaoxin.projects.models import ScheduleTemplate

    templates = {}
    for template in ScheduleTemplate.objects.filter(code__in=["industrial", "renovation"]).prefetch_related(
        "nodes__predecessors"
    ):
        nodes = list(template.nodes.all())
        for n in nodes:
            n.pred_codes = [p.code for p in n.predecessors.all()]
        templates[template.code] = nodes
        templates[template.code + ":object"] = template
    return templates


class Writer:
    """bulk_create plus one audit row per created object (as the imports do)."""

    def __init__(self):
        from gaoxin.core.context import current

        self.ctx = current()
        self.now = timezone.now()
        self.reprs: dict = {}
        self.rows: list = []
        self.message = self.ctx.message or "加载演示数据"

    def create(self, model, objs: list, m2m: dict | None = None) -> list:
        from gaoxin.core.audit import change_rows, serialize

        objs = model.objects.bulk_create(objs, batch_size=1000)
        for index, obj in enumerate(objs):
            if m2m:
                obj._audit_m2m_values = {name: values[index] for name, values in m2m.items()}
        items = [(obj, "create", None, serialize(obj, self.reprs)) for obj in objs]
        self.rows.extend(change_rows(model, items, self.message, self.ctx, self.now))
        return objs

    def flush(self) -> int:
        from gaoxin.core.bulk import FastInserter
        from gaoxin.core.models import ObjectChange

        FastInserter(ObjectChange).insert_values(self.rows)
        return len(self.rows)


def load(user) -> dict:
    """Create the demo projects and their goals; returns counts."""
    from django.contrib.auth.models import User

    from gaoxin.enterprises.models import Enterprise
    from gaoxin.indicators.models import DataSet, Submission
    from gaoxin.projects import services
    from gaoxin.projects.models import (
        Investment,
        InvestmentPlan,
        Milestone,
        Problem,
        ProblemCategory,
        Project,
        ProjectList,
        StageChange,
    )
    from gaoxin.zone.models import Department, Leader, LeadIndustry, Park, Zone

    zone = Zone.objects.filter(is_demo=True).first() or Zone.objects.first()
    zone.snapshot()
    zone.reference_date = AS_OF
    zone.save()

    templates = load_templates()
    demo = ProjectDemo().build(templates)
    writer = Writer()

    leaders = list(Leader.objects.order_by("sort_order", "pk")[:1])
    for order, (name, title) in enumerate(LEADERS, start=2):
        leaders.append(Leader.objects.create(zone=zone, name=name, title=title, sort_order=order * 10))
    departments = {d.name: d for d in Department.objects.all()}
    parks = {p.code: p for p in Park.objects.all()}
    industries = {li.code: li for li in LeadIndustry.objects.all()}
    firms = {e.name: e for e in Enterprise.objects.filter(name__in={s.owner for s in demo.specs if s.owner})}
    clerk = User.objects.filter(username="clerk").first()
    leader_user = leaders[0].user if leaders and leaders[0].user_id else user
    categories = {c.code: c for c in ProblemCategory.objects.all()}

    lists = writer.create(
        ProjectList,
        [
            ProjectList(code=code, name=name, year=year, description=text, sort_order=order * 10)
            for order, (code, name, year, text) in enumerate(LISTS, start=1)
        ],
    )
    list_by_code = {pl.code: pl for pl in lists}

    # Projects
    people = [
        "".join(demo.rng.sample("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", 1))
        + demo.rng.choice(["工", "科长", "主任"])
        for _ in range(40)
    ]
    baseline_at = timezone.make_aware(datetime.datetime(2025, 1, 10, 9, 30))
    objs, list_names, team_names = [], [], []
    for number, spec in enumerate(demo.specs, start=1):
        owner = firms.get(spec.owner)
        department = departments.get(spec.department)
        team = [clerk] if clerk and spec.department == "经济发展局" else []
        project = Project(
            code=f"XM{2025 if spec.group in 'ICO' else 2024}-{number:03d}",
            name=spec.name,
            park=parks.get(spec.park),
            lead_industry=industries.get(spec.lead) if spec.lead else None,
            enterprise=owner,
            owner_name="" if owner else (spec.owner_name or spec.owner),
            nature=spec.nature,
            stage=spec.stage,
            stage_since=spec.stage_since,
            production_date=spec.production_date,
            total_investment=spec.total,
            land_area_mu=(spec.total / Decimal(demo.rng.randint(150, 450))).quantize(Decimal("0.01"))
            if spec.lead or spec.group == "P"
            else None,
            planned_start=spec.planned_start,
            planned_completion=spec.planned_completion,
            statistics_date=spec.statistics_date,
            description=spec.description,
            leader=leaders[min(spec.leader, len(leaders) - 1)] if leaders else None,
            lead_department=department,
            team_note="专班：" + "、".join(demo.rng.sample(people, 3)),
            frequency=spec.frequency,
            template=templates.get(f"{spec.template}:object") if spec.template else None,
            baseline_at=baseline_at if spec.nodes else None,
            baseline_by=user if spec.nodes else None,
        )
        project._team = team
        objs.append(project)
        list_names.append(sorted(list_by_code[c].name for c in spec.lists))
        team_names.append(sorted(str(u) for u in team))
    projects = writer.create(Project, objs, m2m={"lists": list_names, "team": team_names})
    Through = Project.lists.through
    Through.objects.bulk_create(
        [
            Through(project_id=p.pk, projectlist_id=list_by_code[c].pk)
            for p, spec in zip(projects, demo.specs, strict=True)
            for c in sorted(spec.lists)
        ],
        batch_size=2000,
    )
    Team = Project.team.through
    Team.objects.bulk_create([Team(project_id=p.pk, user_id=u.pk) for p in projects for u in p._team])

    # Stage history
    StageChange.objects.bulk_create(
        [
            StageChange(project=p, from_stage=a, to_stage=b, date=day, reason="演示数据", user=user)
            for p, spec in zip(projects, demo.specs, strict=True)
            for a, b, day in spec.stage_changes
        ],
        batch_size=2000,
    )

    # Schedules: nodes, then their dependencies
    milestones, keys = [], []
    for p, spec in zip(projects, demo.specs, strict=True):
        for code, (node, planned, actual) in spec.nodes.items():
            milestones.append(
                services.milestone_from_template(p, node, planned, baseline_date=planned, actual_date=actual)
            )
            keys.append((p.pk, code))
    milestones = writer.create(Milestone, milestones)
    by_key = dict(zip(keys, milestones, strict=True))
    Pred = Milestone.predecessors.through
    Pred.objects.bulk_create(
        [
            Pred(from_milestone_id=m.pk, to_milestone_id=by_key[(m.project_id, p)].pk)
            for m in milestones
            for p in m.template_node.pred_codes
        ],
        batch_size=2000,
    )

    # The monthly calendar of project investment: approved to August 2025, September open.
    data_set, _created = DataSet.objects.get_or_create(
        code=services.DATA_SET,
        defaults={
            "name": "重点项目投资月报",
            "scope": "zone",
            "due_day": DUE_DAY,
            "combine_jan_feb": False,
            "sort_order": 90,
        },
    )
    data_set.department = departments.get("经济发展局")
    data_set.save()
    submissions = {}
    now = timezone.now()
    for year, month in [(2024, m) for m in range(1, 13)] + [(2025, m) for m in range(1, 10)]:
        done = (year, month) < (2025, 9)
        submissions[(year, month)] = Submission.objects.create(
            data_set=data_set,
            year=year,
            month=month,
            department=departments.get("经济发展局"),
            status=Submission.Status.APPROVED if done else Submission.Status.DRAFT,
            submitted_by=clerk if done else None,
            submitted_at=now if done else None,
            approved_by=user if done else None,
            approved_at=now if done else None,
        )
    writer.create(
        InvestmentPlan,
        [
            InvestmentPlan(project=p, year=year, amount=amount, note="演示数据")
            for p, spec in zip(projects, demo.specs, strict=True)
            for year, amount in sorted(spec.plans.items())
        ],
    )
    writer.create(
        Investment,
        [
            Investment(
                project=p,
                year=year,
                month=month,
                cumulative=value,
                submission=submissions[(year, month)],
                entered_by=clerk if spec.department == "经济发展局" and clerk else user,
            )
            for p, spec in zip(projects, demo.specs, strict=True)
            for (year, month), value in sorted(spec.cumulative.items())
        ],
    )
    problems = []
    for p, spec in zip(projects, demo.specs, strict=True):
        for row in spec.problem_rows:
            department = departments.get(DEPARTMENT_OF_CATEGORY[row["category"]]) or p.lead_department
            raised_by = leader_user if demo.rng.random() < 0.5 else (clerk or user)
            problems.append(
                Problem(
                    project=p,
                    category=categories[row["category"]],
                    description=row["description"],
                    raised_by=raised_by,
                    raised_on=row["raised_on"],
                    department=department,
                    assignee=clerk if department and department.name == "经济发展局" else None,
                    deadline=row["deadline"],
                    status=row["status"],
                    feedback=row["feedback"],
                    answered_on=row["answered_on"],
                    closed_on=row["closed_on"],
                )
            )
    writer.create(Problem, problems)
    audit_rows = writer.flush()
    services.recompute_lights(as_of=AS_OF)
    load_goals(list_by_code, departments.get("经济发展局"), leaders[0] if leaders else None)
    return {
        "projects": len(projects),
        "milestones": len(milestones),
        "investments": sum(len(s.cumulative) for s in demo.specs),
        "problems": len(problems),
        "audit_rows": audit_rows,
    }


def load_goals(lists: dict, department, leader) -> None:
    from gaoxin.goals.models import Goal

    report = "随州高新区2025年工作目标（见报道）"
    goals = [
        # year, code, title, metric, params, target, unit, yellow_gap, source
        (
            2024,
            "projects_in_production",
            "亿元以上项目竣工投产",
            "projects_in_production",
            {"min_investment": 10000},
            11,
            "个",
            2,
            "报道：2024年11个亿元以上项目竣工投产（2024年实绩，作对照）",
        ),
        (
            2025,
            "projects_in_production",
            "亿元以上项目竣工投产（占位目标）",
            "projects_in_production",
            {"min_investment": 10000},
            12,
            "个",
            10,
            "占位目标：报道未给出2025年竣工投产目标，12个为演示假设（2024年为11个），请按实际修改",
        ),
        (
            2025,
            "sizhong_count",
            "“四重”项目202个",
            "project_list_count",
            {"list": "sizhong_2025"},
            202,
            "个",
            2,
            report,
        ),
        (
            2025,
            "sizhong_investment",
            "“四重”项目总投资2176.7亿元",
            "project_list_investment",
            {"list": "sizhong_2025"},
            Decimal("2176.7"),
            "亿元",
            2,
            report,
        ),
        (
            2025,
            "key_count",
            "重点项目131个",
            "project_list_count",
            {"list": "key_2025"},
            131,
            "个",
            2,
            report,
        ),
        (
            2025,
            "key_investment",
            "重点项目总投资884.78亿元",
            "project_list_investment",
            {"list": "key_2025"},
            Decimal("884.78"),
            "亿元",
            2,
            report,
        ),
        (
            2025,
            "five_major_milestones",
            "五大工程节点按期完成",
            "project_milestones_on_time",
            {"list": "five_major"},
            100,
            "%",
            10,
            "报道：五大工程倒排工期推进；100%为本区自定口径（报道未给出比例）",
        ),
    ]
    for order, (year, code, title, metric, params, target, unit, gap, source) in enumerate(goals, start=11):
        Goal.objects.create(
            year=year,
            code=code,
            title=title,
            metric=metric,
            params=params,
            target=target,
            unit=unit,
            yellow_gap=gap,
            department=department,
            leader=leader,
            source=source,
            sort_order=order * 10,
        )


def reset() -> None:
    """Remove the demo projects (before the zone's parks and departments, which they protect)."""
    from gaoxin.projects.models import Project, ProjectList

    Project.objects.all().delete()
    ProjectList.objects.all().delete()
