"""The generic contract (tests/contract.py) for jobs and talent."""

from django.urls import reverse

from gaoxin.talent.models import (
    JobPosting,
    ProjectPosting,
    RecruitmentDrive,
    ResearchAssistantPost,
    TalentIntroduction,
)
from tests.contract import ApiWrite, CrudContract, DetailPage, SharedFilterSet

from .helpers import assistant, drive, job, job_data, project, talent


class TestJobPostingContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = JobPosting
    list_url = "talent:jobposting_list"
    api_name = "job"

    def make(self, world, enterprise):
        return job(enterprise)  # awaiting review: not on the board

    def list_marker(self, obj):
        return obj.title

    def detail_url(self, obj):
        return reverse("talent:jobposting_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("talent:jobposting_add")

    def create_data(self, world):
        return job_data(world.firm_a)

    def edit_url(self, obj):
        return reverse("talent:jobposting_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {**job_data(obj.enterprise, title=obj.title), "posts": "5"}

    def api_create_data(self, world):
        return {**job_data(world.firm_a), "salary_min": 6000, "salary_max": 9000, "posts": 2}

    def api_edit_data(self, obj):
        return {"posts": 4}


class TestRecruitmentDriveContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = RecruitmentDrive
    owned_by_firm = False
    hidden_from_outsiders = True  # the committee's own record: no firm reads it
    list_url = "talent:recruitmentdrive_list"
    api_name = "recruitment-drive"

    def make(self, world, enterprise):
        return drive(enterprise, name=f"招聘专项行动{RecruitmentDrive.objects.count() + 1}")

    def detail_url(self, obj):
        return reverse("talent:recruitmentdrive_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("talent:recruitmentdrive_add")

    def create_data(self, world):
        return {
            "name": "2024年“百日千万”招聘专项行动（第二场）",
            "starts_on": "2024-06-01",
            "ends_on": "2024-06-30",
            "firms": [world.firm_a.pk],
            "posts_offered": "200",
            "people_hired": "80",
        }

    def edit_url(self, obj):
        return reverse("talent:recruitmentdrive_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "starts_on": obj.starts_on.isoformat(),
            "ends_on": obj.ends_on.isoformat(),
            "firms": [f.pk for f in obj.firms.all()],
            "posts_offered": "130",
            "people_hired": str(obj.people_hired),
        }

    def api_create_data(self, world):
        return {
            "name": "2024年“百日千万”招聘专项行动（第三场）",
            "starts_on": "2024-09-01",
            "ends_on": "2024-09-30",
            "firms": [world.firm_a.pk],
            "posts_offered": 150,
            "people_hired": 60,
        }

    def api_edit_data(self, obj):
        return {"people_hired": 50}


class TestResearchAssistantContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = ResearchAssistantPost
    list_url = "talent:researchassistantpost_list"
    api_name = "research-assistant"
    import_kind = "research-assistants"

    def make(self, world, enterprise):
        return assistant(enterprise, person=f"助理{ResearchAssistantPost.objects.count() + 1}")

    def list_marker(self, obj):
        return obj.person

    def detail_url(self, obj):
        return reverse("talent:researchassistantpost_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("talent:researchassistantpost_add")

    def create_data(self, world):
        return {"enterprise": world.firm_a.pk, "post": "实验员", "person": "李四", "started_on": "2024-08-01"}

    def edit_url(self, obj):
        return reverse("talent:researchassistantpost_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "post": obj.post,
            "person": obj.person,
            "started_on": obj.started_on.isoformat(),
            "ended_on": "2025-06-30",
        }

    def api_create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "post": "测试助理",
            "person": "王五",
            "started_on": "2024-09-01",
        }

    def api_edit_data(self, obj):
        return {"note": "转正"}


class TestTalentContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = TalentIntroduction
    list_url = "talent:talentintroduction_list"
    api_name = "talent"

    def make(self, world, enterprise):
        return talent(enterprise, name=f"人才{TalentIntroduction.objects.count() + 1}")

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("talent:talentintroduction_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("talent:talentintroduction_add")

    def create_data(self, world):
        return {
            "name": "刘教授",
            "tier": "provincial",
            "title": "湖北省“楚天英才计划”",
            "enterprise": world.firm_a.pk,
            "introduced_on": "2024-04-01",
            "support": "科研启动经费",
            "support_amount": "50",
        }

    def edit_url(self, obj):
        return reverse("talent:talentintroduction_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "tier": obj.tier,
            "enterprise": obj.enterprise_id,
            "introduced_on": obj.introduced_on.isoformat(),
            "support": "人才公寓与安家费",
        }

    def api_create_data(self, world):
        return {
            "name": "周博士",
            "tier": "doctorate",
            "enterprise": world.firm_a.pk,
            "introduced_on": "2024-10-01",
        }

    def api_edit_data(self, obj):
        return {"support": "安家费"}


class TestProjectPostingContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = ProjectPosting
    list_url = "talent:projectposting_list"
    api_name = "project-posting"

    def make(self, world, enterprise):
        return project(enterprise)

    def list_marker(self, obj):
        return obj.title

    def detail_url(self, obj):
        return reverse("talent:projectposting_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("talent:projectposting_add")

    def create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "title": "智能网联测试场共建",
            "seeks": "partner",
            "investment": "5000",
            "description": "寻求测试场共建合作方",
            "contact": "钱总",
            "contact_phone": "13900000002",
        }

    def edit_url(self, obj):
        return reverse("talent:projectposting_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "title": obj.title,
            "seeks": obj.seeks,
            "investment": "25000",
            "description": obj.description,
            "contact": obj.contact,
            "contact_phone": obj.contact_phone,
        }

    def api_create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "title": "冷链物流园用地",
            "seeks": "land",
            "land_mu": "50",
            "description": "需用地50亩",
            "contact": "孙总",
            "contact_phone": "13900000003",
        }

    def api_edit_data(self, obj):
        return {"land_mu": "90"}
