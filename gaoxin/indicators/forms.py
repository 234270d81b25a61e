from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import ScopedModelForm

from .models import Observation, Submission, Target
from .services import plain


class TargetForm(ScopedModelForm):
    class Meta:
        model = Target
        fields = [
            "indicator",
            "year",
            "scope",
            "park",
            "department",
            "basis",
            "base_value",
            "stretch_value",
            "strict",
            "split",
            "yellow_gap",
            "note",
        ]


class ObservationForm(ScopedModelForm):
    """Correct one value by hand (the reason goes into the history). The period's lock and
    the cumulative rule of the imports apply: an approved value is not changed here, and a
    cumulative value may not fall below the previous month's or rise above the next one's."""

    class Meta:
        model = Observation
        fields = ["value", "previous_value", "growth", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.scope != "enterprise":  # 上年同期 is what a firm's report states
            self.fields.pop("previous_value", None)
        self.fields["status"].required = False  # left out: the figure keeps its status

    def clean_status(self):
        return self.cleaned_data.get("status") or self.instance.status

    def clean(self):
        data = super().clean()
        obs = self.instance
        submission = obs.submission
        if submission is not None and submission.status != Submission.Status.DRAFT:
            raise forms.ValidationError(
                _("%(period)s has been %(status)s; it must be returned to draft before its values change.")
                % {"period": obs.period, "status": submission.get_status_display()}
            )
        value = data.get("value")
        if value is None or not obs.indicator.cumulative:
            return data
        around = Observation.objects.filter(
            indicator=obs.indicator, scope_key=obs.scope_key, year=obs.year, value__isnull=False
        )
        before = around.filter(month__lt=obs.month).order_by("-month").first()
        after = around.filter(month__gt=obs.month).order_by("month").first()
        if before is not None and value < before.value:
            self.add_error(
                "value",
                _(
                    "The cumulative value %(value)s is below 1–%(month)d月's %(before)s; a cumulative value cannot fall."
                )
                % {"value": plain(value), "month": before.month, "before": plain(before.value)},
            )
        elif after is not None and value > after.value:
            self.add_error(
                "value",
                _(
                    "The cumulative value %(value)s is above 1–%(month)d月's %(after)s; a cumulative value cannot fall."
                )
                % {"value": plain(value), "month": after.month, "after": plain(after.value)},
            )
        return data
