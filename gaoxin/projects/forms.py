"""Forms of the project ledger. The project and its annual plans are ModelForms; stage
changes, completed investment and schedule nodes are plain forms whose rules live in
``services`` (the view passes the service's ValidationError back onto the form)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm, style_widgets
from gaoxin.core.stages import latest_stage_date
from gaoxin.zone.models import Department, evaluation_date

from . import services
from .models import Attachment, InvestmentPlan, Project, ScheduleTemplate, Stage


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has
    it, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class LightInputForm(ScopedModelForm):
    """A form of a record the project's light reads (the project, its annual plan, its
    problems): saving it refreshes that project's light, as the API's writes do."""

    def save(self, commit=True):
        obj = super().save(commit)
        if commit:
            services.recompute_lights(project_ids=[obj.pk if isinstance(obj, Project) else obj.project_id])
        return obj


class ProjectForm(LightInputForm):
    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "park",
            "lead_industry",
            "chain_node",
            "enterprise",
            "owner_name",
            "nature",
            "stage",
            "lists",
            "total_investment",
            "land_area_mu",
            "planned_start",
            "planned_completion",
            "statistics_date",
            "description",
            "leader",
            "lead_department",
            "team",
            "team_note",
            "plan_document",
            "frequency",
        ]
        widgets = {
            "planned_start": DateInput(),
            "planned_completion": DateInput(),
            "statistics_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
            "lists": forms.SelectMultiple(attrs={"size": 4}),
            "team": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Stages change through the stage form (date, reason, nodes skipped).
            self.fields.pop("stage")
        self.limit_departments()

    def limit_departments(self) -> None:
        """A department user leads projects of their own departments only, or they could
        not edit what they just created."""
        if self.user is None or services.manages_all(self.user):
            return
        mine = services.department_ids(self.user)
        if self.instance.lead_department_id:
            mine = mine | {self.instance.lead_department_id}
        field = self.fields["lead_department"]
        field.queryset = Department.objects.filter(pk__in=mine)
        field.required = True

    def clean(self):
        data = super().clean()  # the planned dates: Project.clean
        if not data.get("enterprise") and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", _("Choose the owner enterprise or write its name."))
        return data


class InvestmentPlanForm(LightInputForm):
    class Meta:
        model = InvestmentPlan
        fields = ["year", "amount", "note"]


class InvestmentForm(forms.Form):
    """A month's cumulative completed investment (1–N月, 万元)."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month (cumulative 1–N)"), coerce=int, choices=[(m, m) for m in range(1, 13)]
    )
    cumulative = forms.DecimalField(label=_("Completed 1–N (万元)"), max_digits=18, decimal_places=4)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, project=None, **kwargs):
        kwargs.setdefault("initial", {"date": latest_stage_date(evaluation_date())})
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["to_stage"].choices = [c for c in Stage.choices if c[0] != project.stage]
        style_widgets(self)


class ScheduleCreateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Node template"), queryset=ScheduleTemplate.objects.all())
    target = forms.DateField(label=_("Target completion date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class MilestoneForm(forms.Form):
    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DateInput())
    actual_date = forms.DateField(label=_("Actual date"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-control-sm"
            if form_id:  # the inputs sit in a table row, the <form> beside them
                field.widget.attrs["form"] = form_id


class AttachmentForm(ScopedModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "title", "file"]
        labels = {"title": _("Document title")}


class PackForm(forms.Form):
    """The meeting date of the scheduling pack (调度会材料)."""

    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].initial = evaluation_date()
        style_widgets(self)

    def clean_meeting_date(self):
        day = self.cleaned_data["meeting_date"]
        if not services.SANE_FROM <= day <= services.SANE_TO:
            raise forms.ValidationError(
                _("The date must lie between %(a)s and %(b)s.")
                % {"a": services.SANE_FROM, "b": services.SANE_TO}
            )
        return day
