from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm

from .models import BudgetLine, Payout, Programme, may_pay_from, payout_errors


def programmes_for(user):
    """The programmes ``user`` may pay from: those of their departments (all: a superuser)."""
    found = Programme.objects.all()
    if user is not None and not user.is_superuser:
        from gaoxin.zone.services import department_ids

        found = found.filter(department_id__in=department_ids(user))
    return found


class PayoutForm(ScopedModelForm):
    class Meta:
        model = Payout
        fields = ["enterprise", "programme", "budget_line", "amount", "paid_on", "document_number", "note"]
        widgets = {"paid_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes_for(self.user)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(
            programme__in=self.fields["programme"].queryset
        ).select_related("programme")

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        if programme is not None and self.user is not None and not may_pay_from(self.user, programme):
            self.add_error("programme", _("Only the programme's department may record its payouts."))
        for field, message in payout_errors(self.instance_with(cleaned)):
            self.add_error(field, message)
        return cleaned

    def instance_with(self, cleaned) -> Payout:
        draft = Payout(pk=self.instance.pk)
        for name in ("programme", "budget_line", "amount", "paid_on"):
            setattr(draft, name, cleaned.get(name))
        return draft
