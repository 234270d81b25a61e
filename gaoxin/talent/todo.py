"""The talent app's part of my work (待办): job postings awaiting my review, and firms'
project postings nobody has taken up as a lead yet."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core import roles
from gaoxin.core.todo import TodoGroup, TodoItem, todo_provider

from .models import JobPosting, PostingStatus, ProjectPosting, ProjectPostingStatus
from .services import REVIEW_PERM


@todo_provider("job_postings_to_review", order=70)
def todo_job_reviews(user, as_of, limit):
    if not user.has_perm(REVIEW_PERM):
        return None
    pending = (
        JobPosting.objects.visible_to(user)
        .filter(status=PostingStatus.PENDING)
        .select_related("enterprise")
        .order_by("created_at", "pk")
    )
    shown = list(pending[:limit]) if limit else []
    return TodoGroup(
        "job_postings_to_review",
        _("Job postings to review"),
        pending.count(),
        [TodoItem(p.title, p.enterprise.name, url=p.get_absolute_url()) for p in shown],
        url_all=reverse("talent:jobposting_list") + "?status=pending",
        severity="info",
        nav="talent:jobposting_list",
    )


@todo_provider("project_postings_open", order=71)
def todo_open_projects(user, as_of, limit):
    if not (roles.sees_whole_zone(user) and user.has_perm("attraction.add_lead")):
        return None
    if not user.has_perm("talent.change_projectposting"):
        return None
    open_ = (
        ProjectPosting.objects.visible_to(user)
        .filter(status=ProjectPostingStatus.OPEN)
        .select_related("enterprise")
        .order_by("created_at", "pk")
    )
    shown = list(open_[:limit]) if limit else []
    return TodoGroup(
        "project_postings_open",
        _("Firms' projects not yet taken up"),
        open_.count(),
        [TodoItem(p.title, p.enterprise.name, url=p.get_absolute_url()) for p in shown],
        url_all=reverse("talent:projectposting_list") + "?status=open",
        severity="info",
        nav="talent:projectposting_list",
    )
