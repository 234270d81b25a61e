"""Forms of signings, their verification, their funds in place and the screening standards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm, style_widgets

from .models import ScreeningStandard, Signing, SigningFunding, SigningOpinion


class SigningForm(ScopedModelForm):
    confirm_note = forms.CharField(
        label=_("Confirm an unusual amount"),
        required=False,
        max_length=200,
        help_text=_("Only when the amount is refused as implausible for 万元: say why it is right."),
    )

    class Meta:
        model = Signing
        fields = [
            "kind",
            "contract_date",
            "project_name",
            "investor",
            "investor_uscc",
            "amount",
            "currency",
            "fortune_global_500",
            "fortune_china_500",
            "listed",
            "foreign",
            "lead_industry",
            "node",
            "promised_intensity",
            "promised_tax_per_mu",
            "fixed_asset_investment",
            "land_mu",
            "jobs",
            "expected_start",
            "expected_production",
            "department",
            "enterprise",
            "lead",
            "contract_file",
            "note",
        ]
        widgets = {
            "contract_date": DateInput(),
            "expected_start": DateInput(),
            "expected_production": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "currency"):  # left out: an investment in 万元, as before
            self.fields[name].required = False

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Signing.Kind.INVESTMENT

    def clean_currency(self):
        return self.cleaned_data.get("currency") or Signing.Currency.CNY


class VerifyForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=SigningOpinion.Verdict.choices)
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ScreeningStandardForm(ScopedModelForm):
    class Meta:
        model = ScreeningStandard
        fields = [
            "name",
            "lead_industry",
            "valid_from",
            "valid_to",
            "min_intensity",
            "min_tax_per_mu",
            "tech_high_tech",
            "tech_min_rd_ratio",
            "relevance_required",
            "is_example",
            "note",
        ]


class SigningFundingForm(ScopedModelForm):
    """One month of funds in place; the signing is the page's (its URL), not a choice."""

    class Meta:
        model = SigningFunding
        fields = ["year", "month", "domestic_outside_province", "foreign_usd", "usd_rate", "note"]
