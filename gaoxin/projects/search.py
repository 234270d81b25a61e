"""What the global search finds in the key projects: projects (code, name, owner — the
ledger's own search), their stored files (plan documents, attachments), and the people the
oversight pages are about (zone leaders, department staff)."""

from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core import roles
from gaoxin.core.permissions import perm_name
from gaoxin.core.search import Found, Hit, file_name, found, list_search, provider, with_query
from gaoxin.zone.models import Leader

from .filters import ProjectFilterSet
from .models import Attachment, Project


def may_view_projects(user) -> bool:
    return user.has_perm(perm_name(Project, "view"))


def zone_staff(user) -> bool:
    """Who reads the leaders' and departments' pages (``views_oversight.require_zone_staff``)."""
    return roles.sees_whole_zone(user) and may_view_projects(user)


@provider("projects", gettext_lazy("Key projects"), order=20, icon="building-skyscraper")
def find_projects(user, query, limit):
    queryset = list_search(Project.objects.select_related("park"), ProjectFilterSet, user, query)

    def hit(project):
        parts = (project.code, project.get_stage_display(), project.park.name if project.park else "")
        return Hit("projects", project.name, " · ".join(p for p in parts if p), project.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("projects:project_list"), query))


@provider("documents", gettext_lazy("Documents"), order=60, icon="file-text")
def find_plan_documents(user, query, limit):
    """Plan documents (方案) by file name, read through the project's scope."""
    if not may_view_projects(user):
        return Found([], 0)
    queryset = (
        Project.objects.visible_to(user).exclude(plan_document="").filter(plan_document__icontains=query)
    )

    def hit(project):
        url = reverse("projects:project_plan_document", args=[project.pk])
        return Hit("documents", file_name(project.plan_document), project.name, url, {"record": "plan"})

    return found(queryset.order_by("name", "pk"), limit, hit)


@provider("documents", gettext_lazy("Documents"), order=61, icon="file-text")
def find_attachments(user, query, limit):
    """Project attachments (contracts, approvals, photos) by title or file name."""
    if not may_view_projects(user):
        return Found([], 0)
    queryset = (
        Attachment.objects.visible_to(user)
        .filter(Q(title__icontains=query) | Q(file__icontains=query))
        .select_related("project")
        .order_by("-created_at", "-pk")
    )

    def hit(attachment):
        url = reverse("projects:project_attachment_file", args=[attachment.project_id, attachment.pk])
        subtitle = f"{attachment.project.name} · {attachment.get_kind_display()}"
        return Hit("documents", attachment.title, subtitle, url, {"file": file_name(attachment.file)})

    return found(queryset, limit, hit)


@provider("people", gettext_lazy("People"), order=51, icon="users")
def find_leaders(user, query, limit):
    """Zone leaders (管委会领导) by name or title, linked to their 包保 projects."""
    if not zone_staff(user):
        return Found([], 0)
    queryset = Leader.objects.visible_to(user).filter(Q(name__icontains=query) | Q(title__icontains=query))

    def hit(leader):
        return Hit("people", leader.name, leader.title, reverse("projects:leader_projects", args=[leader.pk]))

    return found(queryset, limit, hit)


@provider("people", gettext_lazy("People"), order=52, icon="users")
def find_staff(user, query, limit):
    """The committee's staff (accounts in a zone-wide role) by name, for staff readers,
    linked to their department's page; leaders are found as leaders."""
    if not zone_staff(user):
        return Found([], 0)
    named = Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(username__icontains=query)
    queryset = (
        User.objects.filter(named, is_active=True, groups__name__in=sorted(roles.ZONE_WIDE_ROLES))
        .exclude(leader_profile__isnull=False)
        .distinct()
        .prefetch_related("departments")
        .order_by("username")
    )
    return found(queryset, limit, staff_hit)


def staff_hit(member) -> Hit:
    departments = list(member.departments.all())
    url = reverse("projects:department_page", args=[departments[0].pk]) if departments else ""
    subtitle = "、".join(d.name for d in departments)
    return Hit("people", member.get_full_name() or member.get_username(), subtitle, url)
