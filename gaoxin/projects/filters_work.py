"""Filters of the problem list (问题清单): the page, its export and, later, the API."""

import django_filters as filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, evaluation_date

from .models import Problem, ProblemCategory, Project

YES_NO = (("yes", _("Yes")), ("no", _("No")))


def raisers(request=None):
    """Users who have raised at least one problem (the "raised by" choices)."""
    return get_user_model().objects.filter(raised_problems__isnull=False).distinct().order_by("username")


class ProblemFilterSet(BaseFilterSet):
    search_fields = ("description", "feedback", "project__name", "project__code")
    status = filters.ChoiceFilter(choices=Problem.Status.choices, label=_("Status"))
    category = filters.ModelChoiceFilter(queryset=ProblemCategory.objects.all(), label=_("Category"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    project = filters.ModelChoiceFilter(queryset=Project.objects.all(), label=_("Project"))
    overdue = filters.ChoiceFilter(choices=YES_NO, method="filter_overdue", label=_("Overdue"))
    raised_by = filters.ModelChoiceFilter(queryset=raisers, label=_("Raised by"))

    class Meta:
        model = Problem
        fields = ["q", "status", "category", "department", "project", "overdue", "raised_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the projects the user may see can be chosen (an enterprise user never names
        # another firm's project).
        if self.request is not None:
            field = self.form.fields["project"]
            field.queryset = Project.objects.visible_to(self.request.user).only("pk", "name", "code")
        self.form.fields["raised_by"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def search_placeholder(self) -> str:
        return str(_("Description, feedback or project"))

    def filter_overdue(self, queryset, name, value):
        """Overdue = still open and past its deadline on the evaluation date."""
        today = evaluation_date()
        if value == "yes":
            return queryset.overdue(today)
        if value == "no":
            return queryset.filter(Q(status=Problem.Status.CLOSED) | Q(deadline__gte=today))
        return queryset
