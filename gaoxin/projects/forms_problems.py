"""Forms of the daily work on key projects: raising and editing a problem, the pack's date."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput
from gaoxin.zone.models import evaluation_date

from . import services
from .forms import LightInputForm
from .models import Problem


class ProblemForm(LightInputForm):
    """Raise a problem for a project (交办) or correct one. Who raised it and when are set
    here, not typed: the signed-in user, on the evaluation date."""

    class Meta:
        model = Problem
        fields = ["project", "category", "description", "department", "assignee", "deadline"]
        widgets = {
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(departments__isnull=False, is_active=True).distinct()
        self.fields["assignee"].queryset = staff.order_by("username")
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["deadline"].required = False
        self.fields["deadline"].help_text = _(
            "Blank: the category's time limit in working days after the day the problem is raised."
        )
        if self.instance.pk:
            # The project of a raised problem does not change; raise a new one instead.
            self.fields.pop("project")
            if not services.problem_may_reassign(self.user, self.instance):
                # 交办 terms are the raiser's: the department cannot move its own deadline.
                for name in ("deadline", "department"):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Set by whoever raised the problem.")
        else:
            self.instance.raised_by = self.user
            self.instance.raised_on = evaluation_date()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        raised_on = self.instance.raised_on
        if deadline and raised_on and deadline < raised_on:
            raise forms.ValidationError(
                _("The deadline %(deadline)s is before the day the problem was raised (%(raised)s).")
                % {"deadline": deadline, "raised": raised_on}
            )
        return deadline

    def clean(self):
        cleaned = super().clean()
        blank = not cleaned.get("deadline") and "deadline" not in self.errors
        if blank and cleaned.get("category") and self.instance.raised_on:
            try:
                cleaned["deadline"] = services.problem_default_deadline(
                    category=cleaned.get("category"), raised_on=self.instance.raised_on
                )
            except ValidationError as error:
                self.add_error(None, error)
        assignee, department = cleaned.get("assignee"), cleaned.get("department")
        if assignee and department and not department.members.filter(pk=assignee.pk).exists():
            self.add_error(
                "assignee",
                _("%(person)s is not a member of %(department)s.")
                % {"person": assignee.get_full_name() or assignee.get_username(), "department": department},
            )
        return cleaned
