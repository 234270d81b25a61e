"""The cockpit's 人才服务 panel: the year's recruitment drives (posts, people hired), 科研助理
posts started, high-level talents and their firms, and the job board's published posts —
four queries whatever the number of records."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy

from gaoxin.core.cockpit import cockpit_panel

from . import metrics
from .models import JobPosting


@cockpit_panel(
    "talent",
    gettext_lazy("Jobs and talent (人才服务)"),
    "talent/includes/cockpit_panel.html",
    permission="talent.view_talentintroduction",
    order=70,
    icon="users-group",
)
def talent_panel(year, as_of) -> dict | None:
    day = metrics.day_of(year, as_of)
    drives = metrics.drives_held(year, day).aggregate(
        n=Count("pk"), hired=Sum("people_hired"), posts=Sum("posts_offered")
    )
    talents = metrics.talents_introduced(year, day).aggregate(
        n=Count("pk"), firms=Count("enterprise_id", distinct=True)
    )
    assistants = metrics.assistants_started(year, day).count()
    board = JobPosting.objects.published().aggregate(n=Count("pk"), posts=Sum("posts"))
    if not (drives["n"] or talents["n"] or assistants or board["n"]):
        return None
    return {
        "year": year,
        "drives": drives["n"],
        "drive_posts": drives["posts"] or 0,
        "hired": drives["hired"] or 0,
        "assistants": assistants,
        "talents": talents["n"],
        "talent_firms": talents["firms"],
        "board_postings": board["n"],
        "board_posts": board["posts"] or 0,
    }
