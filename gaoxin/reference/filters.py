"""The industries' API filters (``?q=`` a code with or without its section letter, or a name)."""

import django_filters as filters
from django.db.models import Q

from .models import Industry


class IndustryFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label="code or name")
    level = filters.ChoiceFilter(choices=Industry.Level.choices)
    section = filters.CharFilter(field_name="section_code")
    division = filters.CharFilter(field_name="division_code")
    parent = filters.CharFilter(field_name="parent_id")

    class Meta:
        model = Industry
        fields = ["q", "level", "section", "division", "parent"]

    def search(self, queryset, name, value):
        value = value.strip().upper()
        code = value[1:] if value[:1].isalpha() and value[1:].isdigit() else value
        return queryset.filter(Q(code__startswith=code) | Q(name__icontains=value))
