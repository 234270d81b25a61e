import datetime

from gaoxin.talent.models import (
    JobPosting,
    ProjectPosting,
    RecruitmentDrive,
    ResearchAssistantPost,
    TalentIntroduction,
)


def job(enterprise, title="数控车床操作工", **fields):
    values = {
        "education": "secondary",
        "salary_min": 5000,
        "salary_max": 8000,
        "posts": 3,
        "location": "随州高新区城东园区",
        "contact": "李经理",
        "contact_phone": "0722-3300001",
    }
    return JobPosting.objects.create(enterprise=enterprise, title=title, **{**values, **fields})


def job_data(enterprise, title="电气工程师") -> dict:
    return {
        "enterprise": enterprise.pk,
        "title": title,
        "education": "bachelor",
        "salary_min": "6000",
        "salary_max": "9000",
        "posts": "2",
        "location": "随州高新区",
        "contact": "王女士",
        "contact_phone": "0722-3300002",
        "description": "负责产线电气维护",
    }


def drive(enterprise, name="2024年“百日千万”招聘专项行动（第一场）", **fields):
    made = RecruitmentDrive.objects.create(
        name=name,
        starts_on=fields.pop("starts_on", datetime.date(2024, 3, 1)),
        ends_on=fields.pop("ends_on", datetime.date(2024, 3, 31)),
        posts_offered=fields.pop("posts_offered", 120),
        people_hired=fields.pop("people_hired", 45),
        **fields,
    )
    made.firms.add(enterprise)
    return made


def assistant(enterprise, person="张三", **fields):
    return ResearchAssistantPost.objects.create(
        enterprise=enterprise,
        person=person,
        post=fields.pop("post", "研发助理"),
        started_on=fields.pop("started_on", datetime.date(2024, 7, 1)),
        **fields,
    )


def talent(enterprise, name="陈博士", **fields):
    return TalentIntroduction.objects.create(
        enterprise=enterprise,
        name=name,
        tier=fields.pop("tier", "doctorate"),
        introduced_on=fields.pop("introduced_on", datetime.date(2024, 5, 10)),
        support=fields.pop("support", "人才公寓一套"),
        **fields,
    )


def project(enterprise, title="新能源专用车底盘合作项目", **fields):
    return ProjectPosting.objects.create(
        enterprise=enterprise,
        title=title,
        seeks=fields.pop("seeks", "both"),
        investment=fields.pop("investment", 20000),
        land_mu=fields.pop("land_mu", 80),
        description=fields.pop("description", "寻求底盘技术合作方，需工业用地约80亩。"),
        contact="赵总",
        contact_phone="13800000001",
        **fields,
    )
