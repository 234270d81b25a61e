"""Forms of the policy pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm, StatusForm

from .models import Clause, Policy


class PolicyForm(ScopedModelForm):
    class Meta:
        model = Policy
        fields = [
            "title",
            "issuer",
            "number",
            "issued_on",
            "effective_on",
            "expires_on",
            "scope",
            "park",
            "chain",
            "tier",
            "full_text",
            "summary",
        ]
        widgets = {"issued_on": DateInput(), "effective_on": DateInput(), "expires_on": DateInput()}


class PolicyStatusForm(StatusForm):
    class Meta(StatusForm.Meta):
        model = Policy


class ClauseForm(ScopedModelForm):
    class Meta:
        model = Clause
        fields = [
            "policy",
            "code",
            "title",
            "rule",
            "formula",
            "budget_amount",
            "budget_line",
            "repeatable",
            "min_notice_days",
            "note",
        ]
        widgets = {"rule": forms.Textarea(attrs={"rows": 3}), "formula": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "rule": _(
                "Fields by their Chinese names from the field catalogue, e.g. 研发费用 >= 100 and 是否高企."
            ),
            "formula": _(
                "The award in 10k yuan, e.g. 20, or 研发费用增长额 * 0.1 > 50 ? 50 : 研发费用增长额 * 0.1."
            ),
        }


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
