"""The demo zone's investment attraction (招商引资) and industry-chain maps (产业链图谱).

From the report (seed-facts.md §2, §4, §7), exact:

* 2024: 60+ promotion activities (we write 64) across the five target regions "京津冀、大湾区、
  粤港澳等五大片区" — the article names three; 长三角 and 成渝 are our two (synthetic), and the
  demo's region list is exactly these five (``PROMOTION_REGIONS``; the article names 大湾区 and
  粤港澳 separately, so they are two regions: 大湾区 = 深圳、东莞、惠州, 粤港澳 = 广州、佛山、梅州,
  our split); 56 signings worth 487 亿元 (4,870,000 万元), all verified, exactly 5 of them from
  世界500强 / 中国500强 / listed investors; 晶源现代农业's 1.4 亿美元 order with a US Chinese
  chamber of commerce. That order is an *export* order, not an investment in the zone: it is a
  Signing of kind ``trade_order`` of 14,000 万美元 (currency USD, not converted), which counts
  toward no signing goal, total or tier.
* 2025 goals: 50 signed projects ≥1 亿元, ≥400 亿元 in all, 10 ≥10 亿元, 3 ≥30 亿元, 2 ≥50 亿元.
* The lithium-battery chain with the links the report names (电解液, 负极材料, 粘结剂, 阻燃剂,
  铜箔), the special-vehicle chain, fine chemicals, biomedicine, electronic information.

Synthetic (fixed seed): the other nodes, keywords, local links, the outside registry of
~3,000 companies, the 2025 pipeline through 30 September and its signings. The 2025
verified signings are built so the goals are partly met on 30 September 2025:
30 of 50 projects ≥1 亿元 worth exactly 260 亿元 of 400, 6 of 10 ≥10 亿元, 2 of 3 ≥30 亿元,
1 of 2 ≥50 亿元 (a 60 亿元 signing is only *reported*: verifying it moves the goals).

Synthetic (documented here, not from the report), for the 到位资金 and conversion pages:

* ``FIXED_ASSET_SHARE``: each signing's fixed-asset investment (buildings, equipment, land
  price — what the "345" investment intensity divides by the land) is 80 % of its contract
  amount, rounded to whole 万元; the screening of the 2025 signings then passes and fails by
  industry (land was drawn at 300–700 万元 of contract per 亩, so 240–560 万元/亩 of fixed
  assets against minimums of 300–500);
* ``link_projects``: verified signings are linked to the ledger's key projects signed (签约
  stage change) in the same year, in date order, taking the project's name and its signing
  date (the contract amounts stay as they are: the 56 / 487 亿元 are the report's); the
  projects' own stage changes then give 签约 → 开工 → 投产 (only when the projects are loaded);
* ``funding_rows``: funds in place by month (to September 2025) for the verified 2024 and
  2025 signings from their own seed (``FUNDS_SEED``): 2024 signings reach 20–95 % of their
  contract, 2025 ones 0–45 %; the two foreign signings of 2024 receive 外资 in 万美元 at
  ``USD_RATE_2024`` = 7.1884 元/美元 (labelled as the 2024 average, a synthetic choice) and
  ``USD_RATE_2025`` = 7.1780 in 2025.

Coverage of the nodes (chains.services.coverage_status): 强 (≥3 confirmed local firms),
弱 (1–2), 缺 (none, but targets or leads), 无目标 (none and nobody working on it).
铜箔 has no local firm, one lead and no target (so it shows 缺 and the demo walk — clerk
adds three of its ≥40 classified registry companies to a list — starts from an empty list).

Rows are written with ``bulk_create`` plus one audit row each (``projects.Writer``); the
registry companies and their classifications are not change-logged models (a registry file's
rows are recorded per import batch), so they are bulk inserted without audit rows.
"""

import datetime
import itertools
import random
from decimal import Decimal

from django.db.models import Q

from gaoxin.core import uscc

SEED = 20250930 + 5  # issue 5
AS_OF = datetime.date(2025, 9, 30)
REGISTRY_SIZE = 3000
COPPER_FOIL_FIRMS = 48  # the walk needs ≥40 classified targets on 铜箔
STANDARD_NOTE = "示例数值，文中未给出345标准的具体数值"
FIXED_ASSET_SHARE = Decimal("0.8")  # synthetic: fixed-asset investment = 80 % of the contract
FUNDS_SEED = SEED + 17  # its own stream: the signings' draws stay as they were
USD_RATE_2024 = Decimal("7.1884")  # synthetic: "2024 average" used for the demo's 外资
USD_RATE_2025 = Decimal("7.1780")  # synthetic
FUNDS_NOTE = "演示数据（合成）"

# (code, name, lead industry, description, nodes)
# node: (code, name, segment, keywords, excluded keywords, GB/T 4754 classes, local firms)
U, M, D = "upstream", "midstream", "downstream"
CHAINS = [
    (
        "lithium",
        "锂电",
        "new_energy_materials",
        "围绕晶星、斯诺布局锂电上下游项目20余个；报道点名电解液、负极材料、粘结剂、阻燃剂、铜箔等环节。",
        [
            (
                "cathode",
                "正极材料",
                U,
                "正极材料、磷酸铁锂、三元材料、三元前驱体、锰酸锂",
                "",
                "3985,2613",
                4,
            ),
            ("anode", "负极材料", U, "负极材料、人造石墨、硅碳负极、石墨负极", "", "3091,3985", 2),
            (
                "electrolyte",
                "电解液",
                U,
                "电解液、锂电池电解液、电解液添加剂",
                "铅酸电池电解液",
                "2669,3985",
                1,
            ),
            (
                "separator",
                "隔膜",
                U,
                "锂电池隔膜、电池隔膜、湿法隔膜、涂覆隔膜",
                "隔膜泵、隔膜阀",
                "2921,3985",
                1,
            ),
            (
                "copper_foil",
                "铜箔",
                U,
                "铜箔、锂电铜箔、电解铜箔、压延铜箔",
                "铜箔胶带、铜箔纸",
                "3251,3985",
                0,
            ),
            ("aluminium_foil", "铝箔", U, "电池铝箔、涂炭铝箔、铝箔", "铝箔餐盒、铝箔胶带", "3252", 1),
            (
                "binder",
                "粘结剂",
                U,
                "粘结剂、PVDF、丁苯橡胶乳液、羧甲基纤维素钠",
                "瓷砖粘结剂",
                "2651,2669",
                0,
            ),
            (
                "conductive",
                "导电剂",
                U,
                "导电剂、碳纳米管导电浆料、导电炭黑、石墨烯导电剂",
                "",
                "3091,2669",
                0,
            ),
            ("flame_retardant", "阻燃剂", U, "阻燃剂、磷系阻燃剂、电解液阻燃添加剂", "", "2661", 2),
            (
                "lithium_salt",
                "锂盐/六氟磷酸锂",
                U,
                "六氟磷酸锂、碳酸锂、氢氧化锂、双氟磺酰亚胺锂",
                "",
                "2613",
                0,
            ),
            ("cell", "电芯", M, "锂电池电芯、电芯、锂离子电池、动力电池", "", "3841", 3),
            ("pack", "PACK", M, "电池PACK、电池包、电池模组", "", "3841,3849", 2),
            ("bms", "BMS", M, "电池管理系统、BMS", "", "3824,3899", 0),
            ("storage", "储能", D, "储能系统、储能电站、储能变流器、工商业储能", "", "3849,3899", 1),
            ("nev", "新能源汽车", D, "新能源汽车、纯电动汽车、新能源商用车", "", "3612", 3),
            (
                "recycling",
                "回收利用",
                D,
                "废旧电池回收、动力电池回收、梯次利用、电池拆解",
                "",
                "4210,4220",
                1,
            ),
        ],
    ),
    (
        "special_vehicle",
        "专用汽车",
        "high_end_equipment",
        "全国首个专用汽车供应链平台；齐星集团国家无线电监测中心随州测试基地；新能源中轻卡。",
        [
            ("chassis", "底盘", U, "汽车底盘、专用车底盘、二类底盘", "", "3670", 2),
            ("axle", "车桥悬架", U, "车桥、悬架、钢板弹簧", "", "3670", 3),
            ("hydraulics", "液压系统", U, "液压缸、液压系统、取力器、液压件", "", "3444", 2),
            ("parts", "零部件", U, "汽车零部件、汽车配件、制动器、汽车车灯", "", "3670", 5),
            ("tank", "罐体", U, "罐体、罐式容器、压力容器", "", "3332", 3),
            ("body", "上装", M, "专用车上装、厢体、随车起重机", "", "3660", 3),
            ("conversion", "专用车改装", M, "专用车改装、改装车、专用汽车制造、专用作业车", "", "3630", 6),
            ("emergency", "应急救援车", M, "应急救援车、消防车、抢险车", "", "3630", 2),
            ("monitoring", "无线电监测车", M, "无线电监测车、通信指挥车、监测车", "", "3630", 1),
            ("sanitation", "环卫车", M, "环卫车、洒水车、垃圾车、清扫车", "", "3630", 3),
            (
                "nev_truck",
                "新能源中轻卡",
                M,
                "新能源中轻卡、纯电动轻卡、电动物流车、氢燃料电池卡车",
                "",
                "3612",
                1,
            ),
            ("export", "出口贸易", D, "专用车出口、汽车出口、整车出口", "", "5179", 1),
            ("aftermarket", "后市场服务", D, "专用车租赁、汽车维修、专用车维保", "", "8111", 0),
            ("supply_platform", "供应链平台", D, "汽车供应链、供应链管理服务、零部件集采", "", "7224", 1),
        ],
    ),
    (
        "fine_chemicals",
        "精细化工",
        "fine_chemicals",
        "青春化工工业园（湖北省首批38家化工园区之一，D类化工园区）。",
        [
            ("salt", "盐化工", U, "工业盐、纯碱、烧碱、氯碱", "", "2612,2613", 2),
            ("organic", "有机化学原料", U, "有机化学原料、醇醚、乙二醇", "", "2614", 2),
            ("fluorine", "氟化工", U, "氟化工、含氟精细化学品、氟化氢、含氟聚合物", "", "2614,2661", 1),
            (
                "electronic_chem",
                "电子化学品",
                M,
                "电子化学品、湿电子化学品、电子级氢氟酸、光刻胶",
                "",
                "3985,2661",
                0,
            ),
            ("intermediate", "医药中间体", M, "医药中间体", "", "2614,2710", 3),
            ("pesticide", "农药", M, "农药原药、农药制剂、杀菌剂", "", "2631", 2),
            ("coatings", "涂料", M, "水性涂料、粉末涂料、防腐涂料、涂料", "涂料销售", "2641", 3),
            ("additives", "助剂", M, "塑料助剂、橡胶助剂、催化剂、表面活性剂", "", "2661", 3),
            ("water", "水处理剂", M, "水处理剂、絮凝剂、阻垢剂", "", "2662,2666", 1),
            ("dyes", "染料颜料", M, "染料、有机颜料", "", "2645", 0),
            ("materials", "化工新材料", D, "化工新材料、工程塑料、特种树脂、可降解塑料", "", "2651", 1),
            ("hydrogen", "绿氢", D, "绿氢、电解水制氢、制氢设备", "", "2619", 0),
        ],
    ),
    (
        "biomedicine",
        "生物医药",
        "biomedicine",
        "",
        [
            ("api", "原料药", U, "原料药、化学原料药", "", "2710", 3),
            ("excipients", "药用辅料", U, "药用辅料、药用包装材料、药用玻璃", "", "2780", 1),
            ("tcm_materials", "中药材", U, "中药材种植、中药饮片", "", "2730", 2),
            ("chem_drug", "化学制剂", M, "化学药制剂、片剂、胶囊剂、注射剂", "", "2720", 3),
            ("biologics", "生物制药", M, "生物药品、疫苗、单克隆抗体、重组蛋白", "", "2761,2762", 0),
            ("tcm", "中成药", M, "中成药", "", "2740", 2),
            (
                "devices",
                "医疗器械",
                M,
                "医疗器械、医用耗材、体外诊断试剂、医用敷料",
                "医疗器械销售",
                "3584,3589,2770",
                3,
            ),
            ("diagnostic", "诊疗设备", M, "医学影像设备、监护仪、诊断设备", "", "3581", 0),
            ("health", "大健康", D, "保健食品、功能性食品、健康管理", "", "1491", 1),
            ("cro", "CRO/CDMO", D, "医药研发外包、CRO、CDMO、临床试验服务", "", "7340", 0),
        ],
    ),
    (
        "electronic_info",
        "电子信息",
        "electronic_information",
        "随州大数据产业园（入驻数字企业20余家）；低空经济产业园。",
        [
            ("materials", "电子材料", U, "电子专用材料、覆铜板、磁性材料、电子陶瓷", "", "3985", 1),
            (
                "chips",
                "集成电路",
                U,
                "集成电路设计、芯片设计、集成电路制造、功率半导体",
                "",
                "6520,3973,3972",
                0,
            ),
            ("components", "电子元器件", U, "电子元器件、电容器、电感器、电阻器", "", "3981", 3),
            ("pcb", "电路板", U, "印制电路板、PCB、柔性电路板", "", "3982", 2),
            ("sensors", "传感器", U, "传感器、敏感元件", "", "3983", 2),
            ("display", "光电显示", M, "光电子器件、显示模组、LED显示屏、液晶显示", "", "3974,3976", 1),
            ("terminals", "智能终端", M, "智能终端、通信终端、车载终端", "", "3922", 2),
            ("comms", "通信设备", M, "通信设备、5G基站、光通信模块", "", "3921", 0),
            ("software", "软件开发", D, "软件开发、工业软件、嵌入式软件", "", "6513", 4),
            ("data", "大数据/算力", D, "大数据服务、数据中心、算力服务、云计算", "", "6550", 3),
            ("integration", "信息系统集成", D, "信息系统集成、系统集成服务、物联网技术服务", "", "6531", 2),
            ("low_altitude", "低空经济", D, "无人机、低空飞行器、无人机系统", "", "3741", 0),
        ],
    ),
]
# Named local firms on nodes (seed-facts §4), before the synthetic picks.
NAMED_LINKS = {
    ("lithium", "cathode"): ["晶星科技"],
    ("lithium", "cell"): ["斯诺"],
    ("special_vehicle", "conversion"): ["齐星集团", "齐星车辆"],
    ("special_vehicle", "monitoring"): ["齐星集团"],
    ("special_vehicle", "nev_truck"): ["齐星车辆"],
    ("fine_chemicals", "salt"): ["中盐红色经典"],
}
# Nodes without a local firm that someone works on (targets on a list) → 缺; the others → 无目标.
TARGET_NODES = [
    ("lithium", "binder"),
    ("lithium", "lithium_salt"),
    ("fine_chemicals", "electronic_chem"),
    ("fine_chemicals", "hydrogen"),
    ("biomedicine", "biologics"),
    ("biomedicine", "cro"),
    ("electronic_info", "chips"),
    ("electronic_info", "low_altitude"),
    ("lithium", "anode"),
    ("lithium", "electrolyte"),
    ("lithium", "flame_retardant"),
]

# Outside regions: (GB/T 2260 code, city, promotion region code)
PLACES = [
    ("440300", "深圳", "gba"),
    ("440100", "广州", "yga"),
    ("441900", "东莞", "gba"),
    ("440600", "佛山", "yga"),
    ("441300", "惠州", "gba"),
    ("441400", "梅州", "yga"),
    ("320500", "苏州", "yrd"),
    ("320200", "无锡", "yrd"),
    ("320400", "常州", "yrd"),
    ("320100", "南京", "yrd"),
    ("330100", "杭州", "yrd"),
    ("330200", "宁波", "yrd"),
    ("310115", "上海", "yrd"),
    ("110108", "北京", "jjj"),
    ("110105", "北京", "jjj"),
    ("120116", "天津", "jjj"),
    ("130100", "石家庄", "jjj"),
    ("510100", "成都", "cy"),
    ("511400", "眉山", "cy"),
    ("510700", "绵阳", "cy"),
    ("500112", "重庆", "cy"),
    ("420100", "武汉", None),
    ("430100", "长沙", None),
    ("360500", "新余", None),
    ("350900", "宁德", None),
]
CITY_HEADS = "中科华创新宏远恒达泰和瑞丰鼎盛金源汇通博睿天成卓越凯旋东方嘉禾永信华夏联合宇航锦程智达"
FILLER = [
    "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "货物进出口、技术进出口",
    "新材料技术研发",
    "工程和技术研究和试验发展",
    "非居住房地产租赁",
    "机械设备租赁",
    "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
    "信息咨询服务（不含许可类信息咨询服务）",
    "企业管理咨询",
    "国内贸易代理",
    "五金产品批发",
    "金属材料销售",
]
TAIL = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
UNRELATED = [
    ("食品", "食品生产、食品销售、农副产品销售、食用农产品初加工", "速冻食品、调味品"),
    ("物流", "道路货物运输（不含危险货物）、国内货物运输代理、装卸搬运", "仓储物流服务"),
    ("建材", "水泥制品制造、建筑材料销售、砼结构构件制造", "商品混凝土、预制构件"),
    ("纺织", "面料纺织加工、服装制造、针纺织品销售", "针织面料、服装"),
    ("商贸", "日用百货销售、办公用品销售、家用电器销售", "日用百货"),
]
# The five target regions of promotion (seed-facts §2): the article's three, then our two.
PROMOTION_REGIONS = [
    ("jjj", "京津冀"),
    ("gba", "大湾区"),
    ("yga", "粤港澳"),
    ("yrd", "长三角"),
    ("cy", "成渝"),
]
JINGYUAN_ORDER_USD_WAN = Decimal(14000)  # 1.4 亿美元 = 14,000 万美元 (seed-facts §2)
KINDS_2024 = ["outbound"] * 5 + ["inbound"] * 2 + ["promotion"] * 2 + ["fair", "visit"]


def yi(value) -> Decimal:
    return Decimal(str(value)) * 10000


def split(text: str) -> list[str]:
    return [w for w in text.replace(",", "、").split("、") if w]


class Registry:
    """The synthetic outside company registry, in memory."""

    def __init__(self, rng: random.Random, nodes: list):
        self.rng = rng
        self.nodes = nodes  # (chain code, node spec)
        self.names: set[str] = set()
        self.codes: set[str] = set()
        self.rows: list[dict] = []

    def name(self, city: str, word: str) -> str:
        while True:
            name = f"{city}{''.join(self.rng.sample(CITY_HEADS, 2))}{word}有限公司"
            if name not in self.names:
                self.names.add(name)
                return name

    def code(self, region: str) -> str:
        while True:
            code = uscc.generate(self.rng, region)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def scope(self, items: list[str]) -> str:
        rng = self.rng
        filler = rng.sample(FILLER, len(FILLER))
        wanted = rng.randint(110, 280)
        parts = list(items)
        while filler and len("一般项目：" + "；".join(parts) + TAIL) < wanted:
            parts.append(filler.pop())
        return ("一般项目：" + "；".join(parts))[: 300 - len(TAIL)] + TAIL

    def add(self, name_word: str, items: list[str], products: str, place=None) -> dict:
        rng = self.rng
        region, city, _promo = place or rng.choice(PLACES)
        row = {
            "uscc": self.code(region),
            "name": self.name(city, name_word),
            "region_code": region,
            "registered_capital": Decimal(
                rng.choice([500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 100000])
            ),
            "established": datetime.date(rng.randint(1998, 2023), rng.randint(1, 12), rng.randint(1, 28)),
            "scope": self.scope(items),
            "products": products,
        }
        self.rows.append(row)
        return row

    def node_company(self, spec, extra=None, place=None, word: str | None = None) -> dict:
        rng = self.rng
        keywords = split(spec[3])
        main = rng.sample(keywords, min(len(keywords), rng.randint(1, 3)))
        items = [f"{w}{rng.choice(['研发', '制造', '生产', '销售', '技术研发'])}" for w in main]
        if extra:
            extra_words = split(extra[3])
            items.append(f"{rng.choice(extra_words)}销售")
        products = "、".join(main)
        return self.add(
            word or rng.choice(["新材料", "科技", "新能源", "实业", "技术"]), items, products, place
        )

    def build(self) -> list[dict]:
        rng = self.rng
        copper = next(spec for chain, spec in self.nodes if spec[0] == "copper_foil" and chain == "lithium")
        foil_places = [p for p in PLACES if p[0] in ("441400", "440300", "320400", "360500", "350900")]
        for _ in range(COPPER_FOIL_FIRMS):
            self.node_company(copper, place=rng.choice(foil_places + PLACES[:10]), word="铜箔")
        # Look-alikes the excluded keywords must keep off the node.
        for _ in range(6):
            self.add("包装材料", ["铜箔胶带制造", "胶粘制品销售"], "铜箔胶带、铝箔胶带")
        for _ in range(4):
            self.add("流体设备", ["隔膜泵制造", "隔膜阀销售", "泵及真空设备制造"], "气动隔膜泵")
        unrelated = int(REGISTRY_SIZE * 0.2)
        for _ in range(unrelated):
            word, items, products = rng.choice(UNRELATED)
            self.add(word, items.split("、"), products)
        while len(self.rows) < REGISTRY_SIZE:
            _chain, spec = rng.choice(self.nodes)
            extra = rng.choice(self.nodes)[1] if rng.random() < 0.25 else None
            self.node_company(spec, extra)
        rng.shuffle(self.rows)
        return self.rows


def simple_classify(rows, nodes) -> list[tuple[int, int, int, str]]:
    """Fallback: keyword containment (score = distinct hits, excluded keywords veto)."""
    out = []
    for index, row in enumerate(rows):
        text = f"{row['name']}\n{row['scope']}\n{row['products']}"
        for node in nodes:
            if any(w in text for w in split(node.excluded_keywords)):
                continue
            words = [w for w in split(node.keywords) if w in text]
            if words:
                out.append((index, node.pk, len(words), "、".join(words)))
    return out


def classify(rows, nodes) -> list[tuple[int, int, int, str]]:
    """(row index, node id, score, words) via the chains' classifier (chains/classify.py)."""
    try:
        from gaoxin.chains.classify import Classifier, NodeWords, split_words
    except ImportError:  # pragma: no cover - classify.py is the place to switch to
        return simple_classify(rows, nodes)
    classifier = Classifier(
        NodeWords(n.pk, split_words(n.keywords), split_words(n.excluded_keywords)) for n in nodes
    )
    results = classifier.classify_many((r["name"], r["scope"], r["products"]) for r in rows)
    return [(i, m.node_id, m.score, m.words_text[:300]) for i, matches in enumerate(results) for m in matches]


def amounts(
    rng: random.Random, total: Decimal, fixed: list, count: int, low: int, high: int
) -> list[Decimal]:
    """``fixed`` amounts plus ``count`` more between low and high 万元 (multiples of 100) so
    that all add up to ``total`` exactly."""
    rest = total - sum(fixed)
    values = [Decimal(rng.randint(low // 100, high // 100) * 100) for _ in range(count)]
    for _ in range(10000):
        diff = rest - sum(values)
        if diff == 0:
            break
        i = rng.randrange(count)
        step = max(min(abs(diff), Decimal(rng.randint(1, 50) * 100)), Decimal(100))
        step = step if diff > 0 else -step
        if low <= values[i] + step <= high:
            values[i] += step
    assert sum(values) == rest, "amounts do not add up"
    return list(fixed) + values


def load(user) -> dict:
    """Chains, the outside registry, 2024 and 2025 attraction data, goals; returns counts."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from gaoxin.attraction.models import (
        Activity,
        Lead,
        LeadStage,
        LeadStageChange,
        ScreeningStandard,
        Signing,
        SigningFunding,
        SigningOpinion,
        StageDeadline,
    )
    from gaoxin.chains.models import (
        Chain,
        ChainNode,
        CompanyMatch,
        NodeEnterprise,
        RegistryCompany,
        Target,
        TargetList,
    )
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.zone.models import Department, Leader, LeadIndustry

    from .projects import Writer

    rng = random.Random(SEED)
    writer = Writer()
    industries = {li.code: li for li in LeadIndustry.objects.all()}
    attraction_dept = Department.objects.filter(name="投资促进局").first()
    clerk = User.objects.filter(username="clerk").first()
    leader_user = User.objects.filter(username="leader").first() or user
    reporter = clerk or user
    if clerk and attraction_dept:
        attraction_dept.members.add(clerk)  # the walk: clerk works for 招商局 too

    # --- chains and nodes --------------------------------------------------------------------
    chains = writer.create(
        Chain,
        [
            Chain(
                code=code, name=name, lead_industry=industries.get(lead), description=text, sort_order=i * 10
            )
            for i, (code, name, lead, text, _nodes) in enumerate(CHAINS, start=1)
        ],
    )
    chain_by_code = {c.code: c for c in chains}
    node_objs, specs = [], []
    for code, _name, _lead, _text, nodes in CHAINS:
        for order, spec in enumerate(nodes, start=1):
            ncode, nname, segment, keywords, excluded, classes, _local = spec
            node_objs.append(
                ChainNode(
                    chain=chain_by_code[code],
                    code=ncode,
                    name=nname,
                    segment=segment,
                    keywords=keywords,
                    excluded_keywords=excluded,
                    industry_codes=classes,
                    sort_order=order * 10,
                )
            )
            specs.append((code, spec))
    nodes = writer.create(ChainNode, node_objs)
    node_by_key = {(code, spec[0]): node for (code, spec), node in zip(specs, nodes, strict=True)}

    # --- local enterprises on nodes ----------------------------------------------------------
    firms_by_lead: dict = {}
    for pk, lead_code, industry_id, name in Enterprise.objects.values_list(
        "pk", "lead_industry__code", "industry_id", "name"
    ).order_by("uscc"):
        firms_by_lead.setdefault(lead_code, []).append((pk, industry_id, name))
    firm_ids = {name: pk for items in firms_by_lead.values() for pk, _i, name in items}
    links = []
    for (chain_code, spec), node in zip(specs, nodes, strict=True):
        wanted = spec[6]
        lead_code = next(c[2] for c in CHAINS if c[0] == chain_code)
        chosen = [firm_ids[n] for n in NAMED_LINKS.get((chain_code, spec[0]), []) if n in firm_ids]
        pool = firms_by_lead.get(lead_code, [])
        classes = set(spec[5].split(","))
        preferred = [pk for pk, ind, _n in pool if ind in classes and pk not in chosen]
        others = [pk for pk, ind, _n in pool if ind not in classes and pk not in chosen]
        rng.shuffle(preferred)
        rng.shuffle(others)
        chosen += (preferred + others)[: max(0, wanted - len(chosen))]
        for i, pk in enumerate(chosen[:wanted]):
            source = NodeEnterprise.Source.MANUAL if i % 2 == 0 else NodeEnterprise.Source.CLASSIFIER
            links.append(
                NodeEnterprise(
                    node=node,
                    enterprise_id=pk,
                    source=source,
                    confirmed=True,
                    score=0 if source == NodeEnterprise.Source.MANUAL else rng.randint(1, 4),
                    matched_words="" if source == NodeEnterprise.Source.MANUAL else split(spec[3])[0],
                )
            )
        # A suggestion not yet confirmed on some weak nodes (does not count for coverage).
        if wanted in (1, 2) and chain_code != "lithium" and len(preferred + others) > wanted:
            pk = (preferred + others)[wanted]
            links.append(
                NodeEnterprise(
                    node=node,
                    enterprise_id=pk,
                    source=NodeEnterprise.Source.CLASSIFIER,
                    confirmed=False,
                    score=1,
                    matched_words=split(spec[3])[0],
                )
            )
    links = writer.create(NodeEnterprise, links)

    # --- the outside registry, classified ----------------------------------------------------
    rows = Registry(rng, specs).build()
    companies = RegistryCompany.objects.bulk_create([RegistryCompany(**row) for row in rows], batch_size=1000)
    matches = classify(rows, nodes)
    versions = {n.pk: 1 for n in nodes}
    CompanyMatch.objects.bulk_create(
        [
            CompanyMatch(
                company_id=companies[i].pk,
                node_id=node_id,
                score=score,
                words=words,
                chain_version=versions[node_id],
            )
            for i, node_id, score, words in matches
        ],
        batch_size=2000,
    )
    matched_by_node: dict = {}
    for i, node_id, score, _words in matches:
        matched_by_node.setdefault(node_id, []).append((score, i))

    # --- target lists --------------------------------------------------------------------
    lists = writer.create(
        TargetList,
        [
            TargetList(
                name="锂电产业链补链目标清单",
                department=attraction_dept,
                description="演示数据：锂电产业链缺失与薄弱环节的目标企业。",
            ),
            TargetList(
                name="2025年重点招商目标企业",
                department=attraction_dept,
                description="演示数据：各主导产业补链强链目标企业。",
            ),
        ],
    )
    target_objs = []
    for chain_code, node_code in TARGET_NODES:
        node = node_by_key[(chain_code, node_code)]
        candidates = [i for _s, i in sorted(matched_by_node.get(node.pk, []), key=lambda t: (-t[0], t[1]))][
            :4
        ]
        for i in candidates[: rng.randint(2, 4)]:
            target_list = lists[0] if chain_code == "lithium" else lists[1]
            target_objs.append(
                Target(
                    target_list=target_list,
                    company=companies[i],
                    node=node,
                    note="演示数据",
                    added_by=reporter,
                )
            )
    seen = set()
    target_objs = [
        t
        for t in target_objs
        if (t.target_list.pk, t.company.pk) not in seen and not seen.add((t.target_list.pk, t.company.pk))
    ]
    writer.create(Target, target_objs)

    # --- screening standards (examples) ---------------------------------------------------
    standard_values = {
        "fine_chemicals": (400, 30, Decimal("3.0")),
        "new_energy_materials": (500, 35, Decimal("3.0")),
        "high_end_equipment": (300, 20, Decimal("2.5")),
        "biomedicine": (350, 25, Decimal("5.0")),
        "electronic_information": (300, 25, Decimal("4.0")),
    }
    writer.create(
        ScreeningStandard,
        [
            ScreeningStandard(
                name=f"“345”底线标准（{li.name}，示例）",
                lead_industry=li,
                valid_from=2025,
                valid_to=2025,
                min_intensity=Decimal(standard_values.get(li.code, (300, 20, 3))[0]),
                min_tax_per_mu=Decimal(standard_values.get(li.code, (300, 20, 3))[1]),
                tech_high_tech=True,
                tech_min_rd_ratio=standard_values.get(li.code, (300, 20, Decimal(3)))[2],
                relevance_required=True,
                is_example=True,
                note=STANDARD_NOTE,
            )
            for li in industries.values()
        ],
    )

    # --- leads (2025 pipeline) --------------------------------------------------------------
    regions = load_regions()
    days_allowed = dict(StageDeadline.objects.values_list("stage", "days"))
    lead_of_chain = {code: industries.get(lead) for code, _n, lead, _t, _ns in CHAINS}
    copper = node_by_key[("lithium", "copper_foil")]
    lead_stages = (
        [LeadStage.CLUE] * 14
        + [LeadStage.CONTACT] * 12
        + [LeadStage.INSPECTION] * 10
        + [LeadStage.NEGOTIATION] * 10
        + [LeadStage.SHELVED] * 3
        + [LeadStage.TERMINATED] * 2
    )
    gap_nodes = {node_by_key[k].pk for k in TARGET_NODES}
    # Leads go to nodes with local firms or targets; nodes nobody works on stay 无目标.
    worked_nodes = [
        n
        for (_c, spec), n in zip(specs, nodes, strict=True)
        if (spec[6] or n.pk in gap_nodes) and n.pk != copper.pk
    ]
    leads, lead_specs = [], []
    number = 0

    def new_lead(stage, node, company_index, since, investment, overdue=False, signing_stage=False):
        nonlocal number
        number += 1
        chain_code = node.chain.code
        row = rows[company_index]
        allowed = days_allowed.get(stage, 14)
        if stage in (LeadStage.SHELVED, LeadStage.TERMINATED, LeadStage.PRODUCTION):
            last = since
        elif overdue:
            last = AS_OF - datetime.timedelta(days=allowed + rng.randint(2, 20))
        else:
            last = AS_OF - datetime.timedelta(days=rng.randint(0, max(allowed - 1, 0)))
        since = min(since, last)
        lead = Lead(
            code=f"XS-2025-{number:04d}",
            company=companies[company_index],
            company_name=row["name"],
            code_name=f"{node.name}项目{number:02d}号" if number % 9 == 0 else "",
            confidential=number % 9 == 0,
            contact=f"{rng.choice('王李张刘陈杨黄赵吴周')}总 13{rng.randint(100000000, 999999999)}",
            source=rng.choice(
                ["驻深圳招商组", "驻上海招商组", "以商招商", "中介机构推荐", "展会对接", "商会推荐"]
            ),
            lead_industry=lead_of_chain[chain_code],
            node=node,
            intended_investment=investment,
            intended_land_mu=(investment / Decimal(rng.randint(250, 600))).quantize(Decimal("0.01")),
            stage=stage,
            stage_since=since,
            owner=reporter,
            department=attraction_dept,
            next_action=""
            if stage in (LeadStage.TERMINATED, LeadStage.PRODUCTION)
            else rng.choice(
                [
                    "电话回访",
                    "寄送项目推介资料",
                    "安排实地考察",
                    "准备洽谈方案",
                    "报送项目研判意见",
                    "跟进注册落地",
                ]
            ),
            next_action_date=None
            if stage in (LeadStage.TERMINATED, LeadStage.PRODUCTION, LeadStage.SHELVED)
            else last + datetime.timedelta(days=allowed),
            last_action_date=last,
            note="搁置原因：企业投资计划推迟"
            if stage == LeadStage.SHELVED
            else ("终止原因：企业另行选址" if stage == LeadStage.TERMINATED else ""),
        )
        leads.append(lead)
        lead_specs.append(stage)
        return lead

    new_lead(LeadStage.CONTACT, copper, matched_by_node[copper.pk][0][1], datetime.date(2025, 9, 8), yi(12))
    for index, stage in enumerate(lead_stages):
        node = rng.choice(worked_nodes)
        pool = matched_by_node.get(node.pk) or [(1, rng.randrange(len(rows)))]
        company_index = rng.choice(pool)[1]
        since = datetime.date(2025, rng.randint(1, 9), rng.randint(1, 28))
        new_lead(
            stage, node, company_index, since, Decimal(rng.randint(5, 300) * 100), overdue=index % 4 == 0
        )

    # --- signings 2024 (56, verified, 487 亿元, 5 flagged) -----------------------------------------
    big_2024 = [
        yi(60),
        yi(52),
        yi(45),
        yi(38),
        yi(30),
        yi(25),
        yi(22),
        yi(20),
        yi(18),
        yi(15),
        yi(12),
        yi(10),
    ]
    amounts_2024 = amounts(rng, Decimal(4870000), big_2024, 44, 3000, 90000)
    flagged = {
        0: "fortune_china_500",
        2: "listed",
        3: "fortune_global_500",
        7: "listed",
        15: "fortune_china_500",
    }
    signing_objs, opinions = [], []

    def signing(day, amount, node, status, flag=None, lead=None, foreign=False, name=None, investor=None):
        row = rows[rng.choice(matched_by_node.get(node.pk) or [(1, rng.randrange(len(rows)))])[1]]
        investor = investor or row["name"]
        land = (amount / Decimal(rng.randint(300, 700))).quantize(Decimal("0.01"))
        start = day + datetime.timedelta(days=rng.randint(60, 240))
        s = Signing(
            lead=lead,
            contract_date=day,
            project_name=name or f"{investor[:-4].replace('有限', '')}{node.name}项目"[:100],
            investor=investor,
            investor_uscc=row["uscc"] if investor == row["name"] else "",
            amount=amount,
            fortune_global_500=flag == "fortune_global_500",
            fortune_china_500=flag == "fortune_china_500",
            listed=flag == "listed",
            foreign=foreign,
            lead_industry=node.chain.lead_industry,
            node=node,
            promised_intensity=Decimal(rng.randint(30, 80) * 10),
            promised_tax_per_mu=Decimal(rng.randint(20, 60)),
            fixed_asset_investment=(amount * FIXED_ASSET_SHARE).quantize(Decimal(1)),
            land_mu=land,
            jobs=rng.randint(30, 800),
            expected_start=start,
            expected_production=start + datetime.timedelta(days=rng.randint(270, 720)),
            status=status,
            reported_by=reporter,
            verified_by=leader_user if status != Signing.Status.REPORTED else None,
            verified_at=timezone.make_aware(
                datetime.datetime.combine(
                    day + datetime.timedelta(days=rng.randint(3, 12)), datetime.time(10)
                )
            )
            if status != Signing.Status.REPORTED
            else None,
            department=attraction_dept,
            note="演示数据",
        )
        signing_objs.append(s)
        return s

    for i, amount in enumerate(amounts_2024):
        day = datetime.date(2024, 1 + i * 12 // 56, rng.randint(1, 28))
        signing(
            day,
            amount,
            rng.choice(worked_nodes),
            Signing.Status.VERIFIED,
            flagged.get(i),
            foreign=i in (5, 20),
        )

    signing_objs.append(jingyuan_order(reporter, leader_user, attraction_dept))

    # --- signings 2025 (through 30 September) -------------------------------------------
    signed_stages = (
        [LeadStage.SIGNED] * 14
        + [LeadStage.REGISTERED] * 10
        + [LeadStage.STARTED] * 8
        + [LeadStage.PRODUCTION] * 4
    )
    tiers = [yi(55), yi(32), yi(18), yi(15), yi(12), yi("10.5")]
    amounts_2025 = amounts(rng, Decimal(2600000), tiers, 24, 10000, 99900)  # 30 verified ≥1 亿元, 260 亿元
    smaller = [Decimal(rng.randint(20, 95) * 100) for _ in range(6)]  # verified, under 1 亿元
    reported = [yi(60), yi(8), yi(3), yi("1.5"), Decimal(6000)]  # reported only, not yet verified
    plan = [(a, Signing.Status.VERIFIED) for a in amounts_2025 + smaller] + [
        (a, Signing.Status.REPORTED) for a in reported
    ]
    plan.append((yi(2), Signing.Status.REJECTED))
    rng.shuffle(plan)
    for i, (amount, status) in enumerate(plan):
        day = datetime.date(2025, 1 + i * 9 // len(plan), rng.randint(1, 28))
        if status == Signing.Status.VERIFIED and day > datetime.date(2025, 9, 20):
            day = datetime.date(2025, 9, 20)
        node = rng.choice(worked_nodes)
        stage = (
            signed_stages[i % len(signed_stages)] if status == Signing.Status.VERIFIED else LeadStage.SIGNED
        )
        pool = matched_by_node.get(node.pk) or [(1, rng.randrange(len(rows)))]
        lead = new_lead(stage, node, rng.choice(pool)[1], day, amount)
        s = signing(
            day,
            amount,
            node,
            status,
            flag="listed" if i % 11 == 0 else None,
            lead=lead,
            investor=lead.company_name,
        )
        s._lead_index = len(leads) - 1

    leads = writer.create(Lead, leads)
    for s in signing_objs:
        if hasattr(s, "_lead_index"):
            s.lead = leads[s._lead_index]
    linked = link_projects(signing_objs)
    signings = writer.create(Signing, signing_objs)
    fundings = writer.create(SigningFunding, funding_rows(signings))
    for s in signings:
        if s.status == Signing.Status.VERIFIED:
            opinions.append(
                SigningOpinion(
                    signing=s,
                    user=leader_user,
                    verdict="verify",
                    opinion="合同与备案材料一致，核实无误。",
                    at=s.verified_at,
                )
            )
        elif s.status == Signing.Status.REJECTED:
            opinions.append(
                SigningOpinion(
                    signing=s,
                    user=leader_user,
                    verdict="reject",
                    opinion="合同金额与投资协议不符，退回核实。",
                    at=s.verified_at,
                )
            )
    SigningOpinion.objects.bulk_create(opinions)

    order = [s.value for s in LeadStage][:8]
    changes = []
    for lead in leads:
        if lead.stage in order:
            steps = order[: order.index(lead.stage) + 1]
        else:
            steps = [*order[: rng.randint(1, 3)], lead.stage]
        day = lead.stage_since - datetime.timedelta(days=10 * (len(steps) - 1))
        for a, b in itertools.pairwise(steps):
            day += datetime.timedelta(days=10)
            reason = lead.note if b in (LeadStage.SHELVED, LeadStage.TERMINATED) else ""
            changes.append(
                LeadStageChange(
                    lead=lead,
                    from_stage=a,
                    to_stage=b,
                    date=min(day, lead.stage_since),
                    reason=reason,
                    user=reporter,
                )
            )
    LeadStageChange.objects.bulk_create(changes, batch_size=2000)

    # --- activities -------------------------------------------------------------------
    promo_regions = [code for code, _name in PROMOTION_REGIONS]
    cities = {code: [p[1] for p in PLACES if p[2] == code] for code in promo_regions}
    companies_by_region: dict = {}
    for i, row in enumerate(rows):
        place = next((p for p in PLACES if p[0] == row["region_code"]), None)
        if place and place[2]:
            companies_by_region.setdefault(place[2], []).append(i)
    users = [u for u in (clerk, leader_user) if u]
    acts, m2m = [], {"participants": [], "companies": [], "leads": []}
    acts_companies, acts_leads = [], []

    def activity(day, kind, region_code, title, lead_ids=(), notes="", company_names=""):
        region = regions.get(region_code)
        met = (
            rng.sample(
                companies_by_region.get(region_code, []),
                k=min(rng.randint(1, 4), len(companies_by_region.get(region_code, []))),
            )
            if kind != "call"
            else []
        )
        city = rng.choice(cities.get(region_code) or [""]) if region_code in cities else ""
        acts.append(
            Activity(
                date=day,
                kind=kind,
                title=title[:100],
                region=region,
                city=city,
                department=attraction_dept,
                participants_note="管委会分管领导、招商专班",
                company_names=company_names,
                notes=notes or "演示数据",
            )
        )
        acts_companies.append([companies[i].pk for i in met])
        acts_leads.append(list(lead_ids))
        m2m["participants"].append(sorted(str(u) for u in users))
        m2m["companies"].append(sorted(rows[i]["name"] for i in met))
        m2m["leads"].append([])

    kind_titles = {
        "outbound": "赴{city}走访企业（{chain}产业链）",
        "inbound": "邀请{city}客商来区考察（{chain}）",
        "promotion": "随州高新区{chain}产业招商推介会（{city}）",
        "fair": "参加{city}{chain}产业博览会",
        "visit": "{city}企业来访洽谈（{chain}）",
        "call": "电话对接{city}企业（{chain}）",
    }
    chain_names = [c[1] for c in CHAINS]
    for i in range(64):
        region_code = promo_regions[i % 5]
        kind = KINDS_2024[i % len(KINDS_2024)]
        day = datetime.date(2024, 1 + i * 12 // 64, rng.randint(1, 28))
        city = rng.choice(cities[region_code])
        activity(day, kind, region_code, kind_titles[kind].format(city=city, chain=rng.choice(chain_names)))
    lead_idx = list(range(len(leads)))
    for i in range(48):
        region_code = promo_regions[i % 5]
        kind = rng.choice([*KINDS_2024, "call"])
        day = datetime.date(2025, 1 + i * 9 // 48, rng.randint(1, 28))
        touched = [leads[j].pk for j in rng.sample(lead_idx, 2)]
        city = rng.choice(cities[region_code])
        activity(
            day,
            kind,
            region_code,
            kind_titles[kind].format(city=city, chain=rng.choice(chain_names)),
            touched,
        )
    # Planned (future) activities; the first meets again a company met in September (the
    # duplicate-visit warning shows when someone plans it again).
    september = max(
        i for i, a in enumerate(acts) if a.date.month == 9 and a.date.year == 2025 and acts_companies[i]
    )
    activity(
        datetime.date(2025, 10, 15),
        "outbound",
        acts[september].region.code,
        "赴外地回访企业（计划）",
        notes="计划中",
    )
    acts_companies[-1] = acts_companies[september][:1]
    m2m["companies"][-1] = m2m["companies"][september][:1]
    activity(
        datetime.date(2025, 10, 10),
        "promotion",
        "gba",
        "随州高新区锂电产业招商推介会（深圳，计划）",
        notes="计划中",
    )
    codes = {lead.pk: lead.code for lead in leads}
    m2m["leads"] = [sorted(codes[pk] for pk in pks) for pks in acts_leads]
    activities = writer.create(Activity, acts, m2m=m2m)
    Activity.companies.through.objects.bulk_create(
        [
            Activity.companies.through(activity_id=a.pk, registrycompany_id=pk)
            for a, pks in zip(activities, acts_companies, strict=True)
            for pk in set(pks)
        ],
        batch_size=2000,
    )
    Activity.leads.through.objects.bulk_create(
        [
            Activity.leads.through(activity_id=a.pk, lead_id=pk)
            for a, pks in zip(activities, acts_leads, strict=True)
            for pk in set(pks)
        ]
    )
    Activity.participants.through.objects.bulk_create(
        [Activity.participants.through(activity_id=a.pk, user_id=u.pk) for a in activities for u in users]
    )

    leader = Leader.objects.order_by("sort_order", "pk").first()
    load_goals(attraction_dept, leader)
    audit_rows = writer.flush()
    return {
        "chains": len(chains),
        "nodes": len(nodes),
        "local_links": len(links),
        "registry_companies": len(companies),
        "classifications": len(matches),
        "leads": len(leads),
        "signings": len(signings),
        "signings_linked_to_projects": linked,
        "funding_rows": len(fundings),
        "activities": len(activities),
        "audit_rows": audit_rows,
    }


def link_projects(signings: list) -> int:
    """Synthetic: link verified signings to the key projects signed in the same year (the
    project's 签约 stage change), in date order; the signing takes the project's name and
    signing date (the year stays, the amount stays). None when the projects are not loaded."""
    from django.db.models import Min

    from gaoxin.projects.models import Project

    linked = 0
    for year in (2024, 2025):
        projects = (
            Project.objects.filter(stage_changes__to_stage="signed", stage_changes__date__year=year)
            .annotate(signed_on=Min("stage_changes__date", filter=Q(stage_changes__to_stage="signed")))
            .select_related("enterprise")
            .order_by("signed_on", "code")
        )
        verified = [
            s
            for s in signings
            if s.contract_date.year == year and s.status == "verified" and s.kind == "investment"
        ]
        for signing, project in zip(verified, projects, strict=False):
            if year == 2025 and project.signed_on > datetime.date(2025, 9, 20):
                continue
            signing.project, signing.contract_date = project, project.signed_on
            signing.project_name = project.name
            if project.enterprise_id:
                signing.enterprise = project.enterprise
                signing.investor, signing.investor_uscc = project.enterprise.name, project.enterprise.uscc
            elif project.owner_name:
                signing.investor, signing.investor_uscc = project.owner_name[:150], ""
            linked += 1
    return linked


def funding_rows(signings: list) -> list:
    """Synthetic funds in place by month for the verified 2024 and 2025 signings (their own
    seed): every one to three months after the contract, up to September 2025."""
    from gaoxin.attraction.models import SigningFunding

    rng = random.Random(FUNDS_SEED)
    rows = []
    for signing in signings:
        if signing.status != "verified" or signing.kind != "investment":
            continue
        share = Decimal(rng.randint(20, 95) if signing.contract_date.year == 2024 else rng.randint(0, 45))
        months = list(month_steps(rng, signing.contract_date))
        if not months or not share:
            continue
        part = (signing.amount * share / 100 / len(months)).quantize(Decimal(1))
        for year, month in months:
            row = SigningFunding(signing=signing, year=year, month=month, note=FUNDS_NOTE)
            if signing.foreign:
                row.usd_rate = USD_RATE_2024 if year == 2024 else USD_RATE_2025
                row.foreign_usd = (part * Decimal("0.6") / row.usd_rate).quantize(Decimal("0.01"))
                row.domestic_outside_province = part - (part * Decimal("0.6")).quantize(Decimal(1))
            else:
                row.domestic_outside_province = part
            row.compute()
            rows.append(row)
    return rows


def month_steps(rng: random.Random, signed: datetime.date):
    """(year, month) every one to three months from the month after ``signed`` to 2025-09."""
    year, month = signed.year, signed.month
    while True:
        month += rng.randint(1, 3)
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        if (year, month) > (AS_OF.year, AS_OF.month):
            return
        yield year, month


def load_regions() -> dict:
    """The zone's promotion regions are the report's five: the migration's defaults that are
    not among them go (their activities would keep no region), 大湾区/粤港澳 becomes two."""
    from gaoxin.attraction.models import Region

    Region.objects.exclude(code__in=[code for code, _name in PROMOTION_REGIONS]).delete()
    for order, (code, name) in enumerate(PROMOTION_REGIONS, start=1):
        region = Region.objects.filter(code=code).first() or Region(code=code)
        region.name, region.sort_order = name, order * 10
        region.save()
    return {r.code: r for r in Region.objects.all()}


def jingyuan_order(reporter, verifier, department):
    """晶源现代农业's export order (seed-facts §2): 1.4 亿美元 = 14,000 万美元, kept in dollars."""
    from django.utils import timezone

    from gaoxin.attraction.models import Signing
    from gaoxin.enterprises.models import Enterprise

    day = datetime.date(2024, 9, 12)
    return Signing(
        kind=Signing.Kind.TRADE_ORDER,
        contract_date=day,
        project_name="晶源现代农业农产品出口订单（美国华人商会）",
        investor="美国华人商会",
        amount=JINGYUAN_ORDER_USD_WAN,
        currency=Signing.Currency.USD,
        foreign=True,
        enterprise=Enterprise.objects.filter(name="晶源现代农业").first(),
        status=Signing.Status.VERIFIED,
        reported_by=reporter,
        verified_by=verifier,
        verified_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        department=department,
        note="报道：晶源现代农业与美国华人商会签下1.4亿美元大单，产品出口20多个国家。"
        "外贸订单，不是来区投资：不计入签约项目、签约总额与签约目标；金额按合同币种（万美元）记录，未折算人民币。",
    )


GOALS = [
    # code, title, metric, params, target, unit
    ("signings_1yi_count", "签约亿元以上项目", "signings_count", {"min_amount": 10000}, 50, "个"),
    ("signings_1yi_amount", "签约亿元以上项目总额", "signings_amount", {"min_amount": 10000}, 400, "亿元"),
    ("signings_10yi_count", "签约10亿元以上项目", "signings_count", {"min_amount": 100000}, 10, "个"),
    ("signings_30yi_count", "签约30亿元以上项目", "signings_count", {"min_amount": 300000}, 3, "个"),
    ("signings_50yi_count", "签约50亿元以上项目", "signings_count", {"min_amount": 500000}, 2, "个"),
]


def load_goals(department, leader) -> None:
    from gaoxin.goals.models import Goal

    source = "随州日报《攀高求新促蝶变 实干竞进冲百强》：2025年招引亿元以上项目50个、总额400亿元以上，其中10亿元以上10个、30亿元以上3个、50亿元以上2个；只计已核实签约"
    for order, (code, title, metric, params, target, unit) in enumerate(GOALS, start=21):
        Goal.objects.create(
            year=2025,
            code=code,
            title=title,
            metric=metric,
            params=params,
            target=Decimal(target),
            unit=unit,
            department=department,
            leader=leader,
            source=source,
            sort_order=order * 10,
        )


def reset() -> None:
    """Remove the demo's attraction and chain data (before the projects and the registry)."""
    from gaoxin.attraction.models import Activity, Lead, ScreeningStandard, Signing
    from gaoxin.chains.models import Chain, ImportBatch, RegistryCompany, TargetList

    Signing.objects.all().delete()
    Activity.objects.all().delete()
    Lead.objects.all().delete()
    ScreeningStandard.objects.all().delete()
    TargetList.objects.all().delete()
    RegistryCompany.objects.all().delete()
    ImportBatch.objects.all().delete()
    Chain.objects.all().delete()
