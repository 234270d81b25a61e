"""Small helpers over the code tables for forms (htmx)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Industry


@login_required
@require_safe
def industry_options(request):
    """<option>s of GB/T 4754 classes matching the typed code or name (for a datalist)."""
    text = (request.GET.get("q") or request.GET.get("industry") or "").strip().upper()
    code = text[1:] if text[:1].isalpha() and text[1:].isdigit() else text
    classes = Industry.objects.classes()
    if text:
        classes = classes.filter(Q(code__startswith=code) | Q(name__icontains=text))
    return render(request, "reference/industry_options.html", {"industries": classes.order_by("code")[:40]})
