"""FilterSet helpers and the audit log's filters. Every register has one FilterSet that
serves its list page, its API query parameters and its export."""

from decimal import Decimal

import django_filters as filters
from django import forms
from django.core import validators
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .audit import audited_type_choices
from .forms import style_widgets
from .models import AuthEvent, ObjectChange


class BaseFilterSet(filters.FilterSet):
    """Tabler-styled widgets; ``q`` is the free-text search of every list."""

    q = filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": self.search_placeholder()}
        )
        for name, field in self.form.fields.items():
            all_choice(field)
            bound_number(self.filters.get(name), field)
        style_widgets(self.form)

    def search_placeholder(self) -> str:
        return str(_("Search"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(self.search_condition(value))

    def search_condition(self, value: str) -> Q:
        """``value`` in any of ``search_fields`` (a FilterSet may add other ways to match)."""
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return condition


def all_choice(field) -> None:
    """A filter left empty reads 全部 (all), never "---------" or a yes/no filter's "未知"."""
    if isinstance(field.widget, forms.NullBooleanSelect):
        field.widget.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]
    elif getattr(field, "empty_label", None) is not None:  # model choices; django-filter's choices
        field.empty_label = _("All")
        field.widget.choices = field.choices  # django-filter's choices fix their label when set
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        field.choices = [("", _("All")) if value == "" else (value, label) for value, label in field.choices]


YEAR_LIMITS = (1, 9999)  # what a date can hold: ?year=0 is a 400, not a 500
NUMBER_LIMIT = Decimal(10) ** 15  # beyond any amount in 万元 or count we store


def bound_number(filter_, field) -> None:
    """A number filter refuses what the database or a date cannot hold (``?year=0.0``,
    ``?amount_min=-4.9e+225``): the form's error is the API's 400 and the page's message."""
    if not isinstance(filter_, filters.NumberFilter) or not isinstance(field, forms.DecimalField):
        return
    if filter_.lookup_expr == "year" or filter_.field_name.split("__")[-1] == "year":
        low, high = YEAR_LIMITS
    else:
        low, high = -NUMBER_LIMIT, NUMBER_LIMIT
    # django-filter's own bound (1e50) is far beyond what a date or a column holds
    field.validators += [validators.MinValueValidator(low), validators.MaxValueValidator(high)]


class DateInput(forms.DateInput):
    input_type = "date"


ID_RANGE = {"min_value": 1, "max_value": 2**63 - 1}  # an absurd id is a 400, not a 500


def id_filter(field_name: str, label, **kwargs) -> filters.NumberFilter:
    """A filter on a foreign key's raw id (``?project=<id>``): the API names a row by id where a
    page would offer a choice; an id beyond the database's integers is a 400, not a 500."""
    return filters.NumberFilter(field_name=field_name, label=label, **ID_RANGE, **kwargs)


class ObjectChangeFilterSet(BaseFilterSet):
    search_fields = ("object_repr", "message", "user_name")
    action = filters.ChoiceFilter(choices=ObjectChange.Action.choices, label=_("Action"))
    source = filters.ChoiceFilter(choices=ObjectChange.Source.choices, label=_("Source"))
    content_type = filters.ChoiceFilter(choices=audited_type_choices, label=_("Object type"))
    user_name = filters.CharFilter(lookup_expr="iexact", label=_("User"))
    request_id = filters.UUIDFilter(label=_("Request id"))
    since = filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("From"), widget=DateInput)
    until = filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("To"), widget=DateInput)

    class Meta:
        model = ObjectChange
        fields = ["q", "action", "source", "content_type", "user_name", "request_id", "since", "until"]

    def search(self, queryset, name, value):
        from .audit import search_exclusion

        queryset = super().search(queryset, name, value)
        user = getattr(self.request, "user", None)
        excluded = search_exclusion(user, value.strip()) if value.strip() and user is not None else None
        return queryset if excluded is None else queryset.exclude(excluded)


class AuthEventFilterSet(BaseFilterSet):
    search_fields = ("username", "ip", "user_agent")
    kind = filters.ChoiceFilter(choices=AuthEvent.Kind.choices, label=_("Event"))
    username = filters.CharFilter(lookup_expr="iexact", label=_("User"))
    since = filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("From"), widget=DateInput)
    until = filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("To"), widget=DateInput)

    class Meta:
        model = AuthEvent
        fields = ["q", "kind", "username", "since", "until"]
