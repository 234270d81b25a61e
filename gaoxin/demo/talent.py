"""The demo's jobs and talent (issue 15 items 5–7) and the service catalogue (item 6).

From the article (2024): three “百日千万” recruitment drives, 638 科研助理 posts, 10 high-level
talents introduced for 7 firms, and 674 政务服务事项 reported by the zone. Everything else is
invented and marked 示例: the drives' dates, firms, posts offered and people hired; the
research assistants' and talents' names, posts and support; the job and project postings; the
catalogue's items (a realistic subset, each ``is_example``) — the 674 is a ``ReportedCount``,
never the number of rows."""

import datetime
import itertools

from gaoxin.enterprises.models import Enterprise
from gaoxin.govservices.models import ReportedCount, ServiceItem
from gaoxin.talent.models import (
    JobPosting,
    ProjectPosting,
    RecruitmentDrive,
    ResearchAssistantPost,
    TalentIntroduction,
)

EXAMPLE = "示例"
RESEARCH_ASSISTANTS_2024 = 638
TALENTS_2024, TALENT_FIRMS_2024 = 10, 7
REPORTED_ITEMS_2024 = 674
SOURCE = "随州高新区2024年工作报道"

# name, start, end, posts offered, people hired (dates and figures: 示例)
DRIVES = [
    (
        "2024年“百日千万”招聘专项行动·春风行动专场",
        datetime.date(2024, 2, 18),
        datetime.date(2024, 3, 31),
        1860,
        612,
    ),
    (
        "2024年“百日千万”招聘专项行动·高校毕业生专场",
        datetime.date(2024, 5, 20),
        datetime.date(2024, 7, 31),
        2150,
        735,
    ),
    (
        "2024年“百日千万”招聘专项行动·金秋招聘月",
        datetime.date(2024, 9, 1),
        datetime.date(2024, 10, 31),
        1540,
        508,
    ),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "玲",
    "强",
    "丹",
    "鹏",
]
RA_POSTS = ["研发助理", "实验员", "测试工程师助理", "工艺技术员", "数据分析助理", "检测员"]
TIERS = [
    "national",
    "provincial",
    "provincial",
    "city",
    "city",
    "doctorate",
    "doctorate",
    "doctorate",
    "other",
    "city",
]
TALENT_TITLES = {
    "national": "国家级科技创新领军人才（示例）",
    "provincial": "湖北省“楚天英才计划”入选者（示例）",
    "city": "随州市“神农英才”计划入选者（示例）",
    "doctorate": "博士研究生",
    "other": "行业高级技术专家（示例）",
}
JOBS = [
    ("机械设计工程师", "bachelor", 6000, 10000, 3, "published"),
    ("数控车床操作工", "secondary", 4500, 7000, 8, "published"),
    ("焊接技术员", "secondary", 5000, 8000, 6, "published"),
    ("电气自动化工程师", "bachelor", 7000, 12000, 2, "published"),
    ("质量检验员", "associate", 4000, 6000, 4, "published"),
    ("食品工艺研发员", "master", 8000, 13000, 1, "pending"),
    ("外贸业务员", "bachelor", 5000, 9000, 2, "pending"),
    ("仓储物流主管", "associate", None, None, 1, "rejected"),
    ("专用车底盘装配工", "secondary", 5000, 7500, 10, "closed"),
]
PROJECTS = [
    ("新能源专用车上装合作项目（示例）", "partner", 30000, None, "寻求新能源上装技术合作方，共建生产线。"),
    ("香菇深加工二期扩建用地（示例）", "land", 15000, 60, "二期扩建需工业用地约60亩，临近现有厂区为宜。"),
    ("智能网联测试场共建（示例）", "both", 50000, 120, "寻求整车企业共建测试场，需用地约120亩。"),
]
# code, name, department, kind, promised, statutory, materials, fee, channel, flags
ITEMS = [
    (
        "SZGX-XK-001",
        "企业投资项目备案",
        "经济发展局",
        "registration",
        1,
        5,
        "项目备案信息表",
        "",
        "online",
        ("integrated", "smart"),
    ),
    (
        "SZGX-XK-002",
        "建设工程规划许可证核发",
        "自然资源和规划分局",
        "licence",
        5,
        20,
        "申请表；建设工程设计方案；土地权属证明",
        "",
        "both",
        ("integrated", "promised"),
    ),
    (
        "SZGX-XK-003",
        "建筑工程施工许可证核发",
        "建设局",
        "licence",
        3,
        7,
        "申请表；施工合同；安全施工措施资料",
        "",
        "online",
        ("integrated",),
    ),
    (
        "SZGX-XK-004",
        "食品生产许可",
        "市场监管分局",
        "licence",
        10,
        20,
        "申请书；生产场所平面图；设备清单；食品安全管理制度",
        "",
        "both",
        ("promised",),
    ),
    (
        "SZGX-XK-005",
        "营业执照办理（企业设立登记）",
        "市场监管分局",
        "registration",
        1,
        3,
        "设立登记申请书；公司章程；住所使用证明",
        "",
        "online",
        ("integrated", "cross_region", "smart"),
    ),
    (
        "SZGX-XK-006",
        "公共场所卫生许可",
        "卫生健康局",
        "licence",
        5,
        20,
        "申请书；卫生检测报告；从业人员健康证明",
        "",
        "both",
        ("promised",),
    ),
    (
        "SZGX-QR-001",
        "高新技术企业认定推荐",
        "科技局",
        "confirmation",
        10,
        None,
        "认定申请书；知识产权证明；研发费用专项审计报告",
        "",
        "online",
        (),
    ),
    (
        "SZGX-QR-002",
        "科技型中小企业评价入库初审",
        "科技局",
        "confirmation",
        5,
        None,
        "评价信息表；上年度财务报表",
        "",
        "online",
        ("smart",),
    ),
    (
        "SZGX-QR-003",
        "专精特新中小企业认定推荐",
        "经济发展局",
        "confirmation",
        10,
        None,
        "申请书；财务报表；专利证书",
        "",
        "online",
        (),
    ),
    (
        "SZGX-JF-001",
        "高新技术企业首次认定奖励兑现",
        "科技局",
        "payment",
        15,
        None,
        "无需申请，依认定名单直接兑现",
        "",
        "online",
        ("no_application",),
    ),
    (
        "SZGX-JF-002",
        "规上工业企业首次入库奖励兑现",
        "经济发展局",
        "payment",
        15,
        None,
        "无需申请，依入库名单直接兑现",
        "",
        "online",
        ("no_application", "smart"),
    ),
    (
        "SZGX-JF-003",
        "稳岗返还",
        "人力资源和社会保障局",
        "payment",
        10,
        None,
        "无需申请，依参保数据比对发放",
        "",
        "online",
        ("no_application", "cross_region"),
    ),
    (
        "SZGX-JF-004",
        "高层次人才安家补贴",
        "人才服务中心",
        "payment",
        20,
        None,
        "申请表；人才认定证明；劳动合同",
        "",
        "both",
        (),
    ),
    (
        "SZGX-FW-001",
        "就业登记",
        "人力资源和社会保障局",
        "public_service",
        1,
        None,
        "身份证件；劳动合同",
        "",
        "online",
        ("cross_region", "smart"),
    ),
    (
        "SZGX-FW-002",
        "社会保险参保登记（单位）",
        "人力资源和社会保障局",
        "public_service",
        1,
        None,
        "营业执照；单位经办人身份证件",
        "",
        "online",
        ("integrated", "cross_region"),
    ),
    (
        "SZGX-FW-003",
        "企业用工招聘信息发布",
        "人才服务中心",
        "public_service",
        1,
        None,
        "岗位信息表",
        "",
        "online",
        ("smart",),
    ),
    (
        "SZGX-FW-004",
        "科研助理岗位备案",
        "科技局",
        "public_service",
        3,
        None,
        "岗位备案表；聘用合同",
        "",
        "online",
        (),
    ),
    (
        "SZGX-FW-005",
        "不动产首次登记（工业用地）",
        "自然资源和规划分局",
        "registration",
        5,
        30,
        "登记申请书；土地出让合同；竣工验收材料",
        "按规定收取登记费",
        "both",
        ("integrated", "cross_region"),
    ),
    (
        "SZGX-FW-006",
        "城镇污水排入排水管网许可",
        "城市管理局",
        "licence",
        5,
        15,
        "申请书；排水户内部排水管网图；水质检测报告",
        "",
        "both",
        ("promised",),
    ),
    (
        "SZGX-FW-007",
        "出口货物原产地证书签发",
        "商务局",
        "public_service",
        1,
        3,
        "申请书；商业发票",
        "",
        "online",
        ("cross_region", "smart"),
    ),
]


def person(n: int) -> str:
    return (
        SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)] + GIVEN[(n * 7) % len(GIVEN)]
    )


def firms() -> list[Enterprise]:
    return list(Enterprise.objects.order_by("pk")[:80])


def load(user) -> dict:
    pool = firms()
    load_drives(pool)
    load_research_assistants(pool)
    load_talents(pool)
    load_postings(pool)
    load_catalogue()
    return {
        "drives": len(DRIVES),
        "research_assistants": RESEARCH_ASSISTANTS_2024,
        "talents": TALENTS_2024,
        "service_items": len(ITEMS),
    }


def load_drives(pool) -> None:
    for n, (name, start, end, posts, hired) in enumerate(DRIVES):
        drive = RecruitmentDrive.objects.create(
            name=name,
            starts_on=start,
            ends_on=end,
            posts_offered=posts,
            people_hired=hired,
            organiser="随州高新区人才服务中心",
            note="活动场次依据报道；日期、参与企业、岗位数和达成就业人数为示例。",
        )
        drive.firms.set(pool[n * 10 : n * 10 + 30])


def load_research_assistants(pool) -> None:
    days = itertools.cycle(range(0, 335, 7))
    for n in range(RESEARCH_ASSISTANTS_2024):
        ResearchAssistantPost.objects.create(
            enterprise=pool[n % 40],
            post=RA_POSTS[n % len(RA_POSTS)],
            person=f"{person(n)}（{EXAMPLE}{n + 1}）",
            started_on=datetime.date(2024, 1, 15) + datetime.timedelta(days=next(days)),
            note=EXAMPLE,
        )


def load_talents(pool) -> None:
    hosts = pool[:TALENT_FIRMS_2024]
    for n, tier in enumerate(TIERS):
        TalentIntroduction.objects.create(
            name=f"{person(n + 700)}（{EXAMPLE}）",
            tier=tier,
            title=TALENT_TITLES[tier],
            enterprise=hosts[n % TALENT_FIRMS_2024],
            introduced_on=datetime.date(2024, 3 + n, 10),
            support="人才公寓、安家补贴（示例）",
            support_amount=[50, 30, 30, 20, 20, 10, 10, 10, 5, 20][n],
            note=EXAMPLE,
        )


def load_postings(pool) -> None:
    firm_of_demo_user = Enterprise.objects.filter(name="齐星车辆").first() or pool[0]
    for n, (title, education, low, high, posts, status) in enumerate(JOBS):
        JobPosting.objects.create(
            enterprise=firm_of_demo_user if n in (0, 5, 8) else pool[n + 1],
            title=title,
            education=education,
            salary_min=low,
            salary_max=high,
            posts=posts,
            location="随州高新区",
            contact=f"{person(n + 900)[:1]}经理",
            contact_phone=f"0722-33{n:05d}",
            description=f"{title}岗位（{EXAMPLE}）",
            status=status,
            review_note="请写明薪资范围" if status == "rejected" else "",
        )
    for n, (title, seeks, investment, land, text) in enumerate(PROJECTS):
        ProjectPosting.objects.create(
            enterprise=firm_of_demo_user if n == 0 else pool[n + 5],
            title=title,
            seeks=seeks,
            investment=investment,
            land_mu=land,
            description=text,
            contact=f"{person(n + 950)[:1]}总",
            contact_phone=f"1390722{n:04d}",
        )


def load_catalogue() -> None:
    for code, name, department, kind, promised, statutory, materials, fee, channel, flags in ITEMS:
        ServiceItem.objects.create(
            code=code,
            name=name,
            department=f"随州高新区{department}",
            kind=kind,
            time_limit_workdays=promised,
            statutory_limit_workdays=statutory,
            materials=materials,
            fee=fee,
            channel=channel,
            legal_basis="依据相关法律法规（示例）",
            is_example=True,
            **dict.fromkeys(flags, True),
        )
    ReportedCount.objects.create(year=2024, count=REPORTED_ITEMS_2024, source=SOURCE)


def reset() -> None:
    """Remove the demo's talent records and catalogue (before the registry: they protect firms)."""
    for model in (ProjectPosting, JobPosting, TalentIntroduction, ResearchAssistantPost, RecruitmentDrive):
        model.objects.all().delete()
    ServiceItem.objects.all().delete()
    ReportedCount.objects.all().delete()
