"""Forms of leads, their stage moves and promotion activities. Rules live in
``services_leads``; the forms call them so a page and the API refuse the same things."""

import re

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from gaoxin.chains.models import ChainNode, RegistryCompany
from gaoxin.core.forms import DateInput, ScopedModelForm, style_widgets
from gaoxin.core.permissions import may_change
from gaoxin.core.stages import latest_stage_date
from gaoxin.zone.models import evaluation_date

from . import services_leads as services
from .models import Activity, Lead, LeadStage

SEPARATORS = re.compile(r"[\s,，、;；]+")


def staff_users():
    return User.objects.filter(departments__isnull=False).distinct().order_by("username")


def person_label(user) -> str:
    return user.get_full_name() or user.get_username()


class LeadForm(ScopedModelForm):
    company = forms.ModelChoiceField(
        queryset=RegistryCompany.objects.all(),
        required=False,
        widget=forms.NumberInput,
        label=_("Registry company id"),
        help_text=_(
            "Filled in when the lead starts from a chain node's target; leave empty to type the name."
        ),
    )

    class Meta:
        model = Lead
        fields = [
            "company_name",
            "company",
            "confidential",
            "code_name",
            "contact",
            "source",
            "lead_industry",
            "node",
            "intended_investment",
            "intended_land_mu",
            "owner",
            "department",
            "next_action",
            "next_action_date",
            "note",
        ]
        widgets = {
            "next_action_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company_name"].required = False
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].label_from_instance = person_label
        self.fields["node"].queryset = ChainNode.objects.select_related("chain").order_by(
            "chain__sort_order", "sort_order"
        )
        self.fields["node"].label_from_instance = lambda n: f"{n.chain.name} · {n.name}"
        if self.instance.pk is None:
            self.prefill()
        style_widgets(self)

    def prefill(self) -> None:
        """``?company=<pk>&node=<pk>`` (from a chain node's targets): name, node, industry."""
        company_id, node_id = self.initial.get("company"), self.initial.get("node")
        if company_id and not self.initial.get("company_name"):
            company = (
                RegistryCompany.objects.filter(pk=str(company_id)).first()
                if str(company_id).isdigit()
                else None
            )
            if company is not None:
                self.initial["company_name"] = company.name
        if node_id and str(node_id).isdigit() and not self.initial.get("lead_industry"):
            node = ChainNode.objects.select_related("chain").filter(pk=node_id).first()
            if node is not None and node.chain.lead_industry_id:
                self.initial["lead_industry"] = node.chain.lead_industry_id
        if self.user is not None and not self.initial.get("owner"):
            self.initial["owner"] = self.user.pk

    def clean(self):
        data = super().clean()
        company = data.get("company")
        if not (data.get("company_name") or "").strip():
            if company is not None:
                data["company_name"] = company.name
                self.instance.company_name = company.name
            else:
                self.add_error("company_name", _("Name the company (or pick it from the registry)."))
        if data.get("confidential") and not (data.get("code_name") or "").strip():
            self.add_error("code_name", _("A confidential lead needs a code name."))
        if self.user is not None and not self.user.is_superuser:
            probe = Lead(owner=data.get("owner"), department=data.get("department"))
            if self.instance.pk is None and probe.owner is None:
                probe.owner = self.user
            if not may_change(self.user, probe):
                raise ValidationError(_("A lead must be owned by you or belong to one of your departments."))
        return data

    def _post_clean(self):
        # A new lead's code, stage and date are given by the service on save.
        if self.instance.pk is None:
            self.instance.code = self.instance.code or "pending"
            self.instance.stage_since = self.instance.stage_since or evaluation_date()
        super()._post_clean()

    def save(self, commit=True):
        if self.instance.pk is not None:
            return super().save(commit)
        fields = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        name = fields.pop("company_name")
        try:
            return services.lead_create(user=self.user, company_name=name, **fields)
        except PermissionDenied as exc:  # checked in clean(); kept for safety
            raise ValidationError(str(exc)) from exc


class LeadMoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=LeadStage.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Needed to move back, to shelve or terminate."),
    )

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead is not None:
            self.fields["to_stage"].choices = [
                (v, label) for v, label in LeadStage.choices if v != lead.stage
            ]
            # The usual move is forward: the next stage, never the first of the list.
            self.fields["to_stage"].initial = services.lead_next_stage(lead)
        self.fields["date"].initial = latest_stage_date(evaluation_date())
        style_widgets(self)


class ActivityForm(ScopedModelForm):
    companies_text = forms.CharField(
        label=_("Companies met (registry ids or credit codes)"),
        required=False,
        help_text=_("Separated by commas or spaces; other names go into the next field."),
    )
    confirm_duplicates = forms.BooleanField(
        label=_("Record it anyway: I know the company was met recently"), required=False
    )

    class Meta:
        model = Activity
        fields = [
            "date",
            "kind",
            "title",
            "region",
            "city",
            "department",
            "participants",
            "participants_note",
            "company_names",
            "leads",
            "notes",
            "attachment",
        ]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3, "col": "col-12"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []
        self.fields["participants"].queryset = staff_users()
        self.fields["participants"].label_from_instance = person_label
        leads = self.fields["leads"].queryset  # visible_to(user): confidential leads hide their company
        self.fields["leads"].queryset = leads.exclude(stage=LeadStage.TERMINATED).order_by("code")
        self.fields["leads"].label_from_instance = lambda lead: f"{lead.code} {lead.shown_name}"
        self.fields["leads"].required = False
        self.fields["participants"].required = False
        # Order: the confirmation last, next to the warning.
        self.order_fields(
            [*self.Meta.fields[:8], "companies_text", *self.Meta.fields[8:], "confirm_duplicates"]
        )
        if self.instance.pk is not None and not self.is_bound:
            self.initial["companies_text"] = " ".join(str(c.pk) for c in self.instance.companies.all())
        elif self.instance.pk is None and self.initial.get("company"):
            self.initial["companies_text"] = str(self.initial["company"])
        if self.instance.pk is None and self.initial.get("lead"):
            self.initial["leads"] = [self.initial["lead"]]
        style_widgets(self)

    def clean_companies_text(self):
        tokens = [t for t in SEPARATORS.split(self.cleaned_data.get("companies_text") or "") if t]
        ids = [int(t) for t in tokens if t.isdigit() and len(t) < 18]
        codes = [t.upper() for t in tokens if not (t.isdigit() and len(t) < 18)]
        found = list(RegistryCompany.objects.filter(pk__in=ids)) + list(
            RegistryCompany.objects.filter(uscc__in=codes)
        )
        known = {str(c.pk) for c in found} | {c.uscc for c in found}
        missing = [t for t in tokens if t not in known and t.upper() not in known]
        if missing:
            raise ValidationError(
                _("Not in the company registry: %(items)s.") % {"items": "、".join(missing)}
            )
        return list({c.pk: c for c in found}.values())

    def clean(self):
        data = super().clean()
        companies, date = data.get("companies_text") or [], data.get("date")
        if companies and date:
            self.warnings = services.duplicate_visit_warning(
                companies, date, exclude=self.instance if self.instance.pk else None
            )
            if self.warnings and not data.get("confirm_duplicates"):
                self.add_error(
                    "confirm_duplicates",
                    _("Another visit is on record (see the warning above): tick to record this one anyway."),
                )
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in ("region", "city", "department", "participants_note", "company_names", "notes")
            if name in data
        }
        if data.get("attachment") is not None:
            fields["attachment"] = data["attachment"] or ""
        return services.activity_record(
            user=self.user,
            date=data["date"],
            kind=data["kind"],
            title=data["title"],
            companies=data.get("companies_text") or [],
            leads=list(data.get("leads") or []),
            participants=list(data.get("participants") or []),
            confirm_duplicates=True,  # clean() already asked
            instance=self.instance if self.instance.pk else None,
            **fields,
        )
