"""Forms of 大走访: the visit with one field per active survey question, the plan (the
overlap rule checked before saving), the question (choices one per line), and the one-step
requests from a visit's answers."""

import calendar
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm, style_widgets
from gaoxin.portal.models import RequestCategory

from . import services
from .models import Visit, VisitPlan, VisitQuestion
from .survey import NO, YES, answer_error, blank, normalised


def answer_field(question) -> forms.Field:
    label, unit = question.text, question.unit
    if question.kind == VisitQuestion.Kind.YES_NO:
        choices = [("", "—"), (YES, _("Yes")), (NO, _("No"))]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if question.kind == VisitQuestion.Kind.CHOICE:
        choices = [("", "—"), *((c, c) for c in question.choices or [])]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if question.kind == VisitQuestion.Kind.NUMBER:
        return forms.CharField(label=f"{label}（{unit}）" if unit else label, required=False, max_length=30)
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VisitForm(ScopedModelForm):
    """The visit and its survey: one field ``answer_<code>`` per active question (the zone
    keeps the questions on the questions page); a retired question's old answer is kept."""

    class Meta:
        model = Visit
        fields = [
            "enterprise",
            "plan",
            "visited_on",
            "leader",
            "department",
            "visitors",
            "people_met",
            "notes",
        ]
        widgets = {"visited_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(VisitQuestion.objects.filter(active=True))
        answers = self.instance.answers or {}
        for question in self.questions:
            field = answer_field(question)
            value = answers.get(question.code)
            field.initial = "" if value is None else str(value)
            self.fields[f"answer_{question.code}"] = field
        style_widgets(self)

    def answer_fields(self):
        return [self[f"answer_{q.code}"] for q in self.questions]

    def clean(self):
        cleaned = super().clean()
        answers = dict(self.instance.answers or {})
        for question in self.questions:
            name = f"answer_{question.code}"
            value = cleaned.get(name)
            answers.pop(question.code, None)
            if blank(value):
                continue
            error = answer_error(question, value)
            if error:
                self.add_error(name, error)
            answers[question.code] = value
        self.instance.answers = normalised(answers)
        return cleaned


class VisitPlanForm(ScopedModelForm):
    """A plan; a firm already in another department's plan for an overlapping window is
    refused here (``services.plan_check``), naming the firm, the department and the dates."""

    class Meta:
        model = VisitPlan
        fields = ["name", "year", "starts_on", "ends_on", "leader", "department", "firms", "status", "note"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"starts_on": _("Usually the first day of the month of the visits.")}

    month = forms.TypedChoiceField(
        label=_("month"),
        choices=[("", "—"), *((m, f"{m}月") for m in range(1, 13))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Pick the month, or give the window's dates."),
    )
    field_order = ["name", "year", "month", "starts_on", "ends_on"]
    warnings: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].required = self.fields["ends_on"].required = False

    def fill_month(self, cleaned) -> None:
        """A month of the plan's year gives the window when no dates are given."""
        month, year = cleaned.get("month"), cleaned.get("year")
        if month and year and not (cleaned.get("starts_on") or cleaned.get("ends_on")):
            cleaned["starts_on"] = datetime.date(year, month, 1)
            cleaned["ends_on"] = datetime.date(year, month, calendar.monthrange(year, month)[1])
        for name in ("starts_on", "ends_on"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Pick the month, or give the window's dates."))

    def clean(self):
        cleaned = super().clean()
        self.fill_month(cleaned)
        check = services.plan_check(
            department=cleaned.get("department"),
            leader=cleaned.get("leader"),
            starts_on=cleaned.get("starts_on"),
            ends_on=cleaned.get("ends_on"),
            firms=cleaned.get("firms") or [],
            exclude=self.instance,
        )
        for error in check.errors:
            self.add_error("firms", error)
        self.warnings = check.warnings
        return cleaned


def lines(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class VisitQuestionForm(ScopedModelForm):
    """A survey question; the choices and the flagging choices one per line."""

    choice_lines = forms.CharField(
        label=_("choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    flag_lines = forms.CharField(
        label=_("choices that raise the flag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line. A yes raises the flag, a number above zero too."),
    )

    class Meta:
        model = VisitQuestion
        fields = ["code", "text", "kind", "unit", "flag", "request_category", "sort_order", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the key of the answers already given: fixed once created
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The code keys the answers already given: it is not changed.")
        self.fields["choice_lines"].initial = "\n".join(self.instance.choices or [])
        self.fields["flag_lines"].initial = "\n".join(self.instance.flag_answers or [])

    def clean(self):
        from .survey import question_errors

        cleaned = super().clean()
        self.instance.choices = lines(cleaned.get("choice_lines"))
        self.instance.flag_answers = lines(cleaned.get("flag_lines"))
        self.instance.kind = cleaned.get("kind") or self.instance.kind
        for name, error in question_errors(self.instance).items():
            self.add_error("choice_lines" if name == "choices" else "flag_lines", error)
        return cleaned


class RaiseRequestsForm(forms.Form):
    """The one-step requests of a visit: for each answer a request may come from, a tick,
    the category (the question's by default) and the subject."""

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        categories = RequestCategory.objects.filter(department__isnull=False)
        for question, shown in services.raisable_answers(visit):
            code = question.code
            title, _text = services.default_text(visit, question)
            self.fields[f"raise_{code}"] = forms.BooleanField(
                label=f"{question.text}：{shown}", required=False
            )
            self.fields[f"category_{code}"] = forms.ModelChoiceField(
                queryset=categories, label=_("category"), required=False, initial=question.request_category_id
            )
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("subject"), max_length=100, required=False, initial=title
            )
            self.rows.append((self[f"raise_{code}"], self[f"category_{code}"], self[f"title_{code}"]))
        style_widgets(self)

    def items(self) -> list[services.RaiseItem]:
        found = []
        for name, ticked in list(self.cleaned_data.items()):
            if not (name.startswith("raise_") and ticked):
                continue
            code = name.removeprefix("raise_")
            category = self.cleaned_data.get(f"category_{code}")
            if category is None:
                self.add_error(f"category_{code}", _("Choose the request's category."))
                continue
            found.append(services.RaiseItem(code, category, self.cleaned_data.get(f"title_{code}", "")))
        return found
