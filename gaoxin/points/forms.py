from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm

from .models import Consent, PointLoan, Stage


class ConsentForm(ScopedModelForm):
    class Meta:
        model = Consent
        fields = ["enterprise", "bank", "granted_on", "revoked_on", "note"]
        widgets = {"granted_on": DateInput, "revoked_on": DateInput}


class PointLoanForm(ScopedModelForm):
    class Meta:
        model = PointLoan
        fields = ["enterprise", "bank", "amount", "granted_on", "term_months", "note"]
        widgets = {"granted_on": DateInput}


class StageRuleForm(forms.Form):
    """One row of the stage rules page; an empty row is skipped."""

    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *Stage.choices], required=False)
    min_age = forms.IntegerField(label=_("Age from (years)"), min_value=0, required=False)
    max_age = forms.IntegerField(label=_("Age below (years)"), min_value=0, required=False)
    min_revenue = forms.DecimalField(label=_("Revenue from (10k yuan)"), min_value=0, required=False)
    max_revenue = forms.DecimalField(label=_("Revenue below (10k yuan)"), min_value=0, required=False)


StageRuleFormSet = forms.formset_factory(StageRuleForm, extra=2)


class BankExportForm(forms.Form):
    bank = forms.CharField(label=_("Bank"), max_length=100)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    enterprises = forms.CharField(
        label=_("Only these firms (credit codes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Blank: every firm that consented to this bank. A firm named without consent refuses the export."
        ),
    )
