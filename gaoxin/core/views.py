"""Generic views every register uses: list (filters, search, sort, column choice,
pagination, export), detail tabs, edit, status change, delete and history.

A domain view is a few attributes on one of these classes (see enterprises/views.py).
Scope first, permission second: an object outside the user's scope is a 404 whatever
the method; inside it, a missing permission is a 403.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from . import roles
from .audit import redact
from .context import change_message
from .downloads import file_response
from .locking import VersionConflict, changes_since, last_change_id, parse_version, version_token
from .models import ObjectChange, UserPreference
from .permissions import (
    perm_name,
    protected_message,
    refusal,
    require,
    require_change,
    require_perm,
    rule_allows,
)
from .xlsx import workbook_bytes

PER_PAGE_CHOICES = (10, 25, 50, 100)
EXPORT_LIMIT = 100_000


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


class ScopedMixin(LoginRequiredMixin):
    """The queryset limited to what the user may see (``visible_to``)."""

    queryset = None

    def get_queryset(self):
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset")
        return self.queryset.all().visible_to(self.request.user)

    @property
    def model(self):
        return self.queryset.model

    def get_object(self):
        if getattr(self, "_object", None) is None:
            self._object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._object

    def dispatch(self, request, *args, **kwargs):
        # Scope before anything else: another firm's id is a 404 for every method, even
        # one the page does not accept (which would otherwise be a 405).
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.get_object()
            parents = getattr(self, "parent_queryset", None)
            if "parent_pk" in kwargs and parents is not None:
                get_object_or_404(parents.all().visible_to(request.user), pk=kwargs["parent_pk"])
        return super().dispatch(request, *args, **kwargs)


# --- list ---------------------------------------------------------------------------------


class ObjectListView(ScopedMixin, View):
    """Filter form + table + pagination; ``?export=xlsx`` downloads the filtered list with
    the chosen columns. HTMX requests get only the results part (live filtering)."""

    filterset_class = None
    table_class = None
    template_name = "core/object_list.html"
    title = None
    add_url_name = None
    import_kind = None
    default_per_page = 25
    extra_actions_template = None

    def preference_key(self) -> str:
        return f"table:{self.table_class.__module__}.{self.table_class.__name__}"

    def table_kwargs(self) -> dict:
        """Extra keyword arguments of the table, read after ``get_queryset`` (e.g. the date
        the queryset was annotated for)."""
        return {}

    def visible_columns(self, request) -> list[str] | None:
        key = self.preference_key()
        if "columns" in request.GET:
            chosen = [c for c in request.GET.getlist("columns") if c]
            UserPreference.objects.update_or_create(
                user=request.user, key=key, defaults={"value": {"columns": chosen}}
            )
            return chosen or None
        if request.GET.get("reset_columns"):
            UserPreference.objects.filter(user=request.user, key=key).delete()
            return None
        pref = UserPreference.objects.filter(user=request.user, key=key).first()
        return (pref.value or {}).get("columns") if pref else None

    def default_filters(self, request) -> dict:
        """Filter values applied when the request does not set them (a list of millions of
        rows opens on its latest period, say); the filter form shows them."""
        return {}

    def summary(self, queryset) -> str:
        """A line beside the count about the filtered rows (a total, say); none by default."""
        return ""

    def per_page(self, request) -> int:
        try:
            value = int(request.GET.get("per_page", self.default_per_page))
        except ValueError:
            value = self.default_per_page
        return value if value in PER_PAGE_CHOICES else self.default_per_page

    def get(self, request, *args, **kwargs):
        require_perm(request.user, self.model, "view")
        params = request.GET.copy()
        for key, value in self.default_filters(request).items():
            if key not in params:
                params[key] = value
        filterset = self.filterset_class(params or None, queryset=self.get_queryset(), request=request)
        queryset = filterset.qs
        table = self.table_class(
            queryset, request=request, visible_columns=self.visible_columns(request), **self.table_kwargs()
        )
        if request.GET.get("export") == "xlsx":
            RequestConfig(request, paginate=False).configure(table)
            return self.export(table)
        RequestConfig(request, paginate={"per_page": self.per_page(request)}).configure(table)
        context = {
            "title": self.title or self.model._meta.verbose_name_plural,
            "model_name": self.model._meta.verbose_name,
            "filterset": filterset,
            "filter_form": filterset.form,
            "table": table,
            "summary": self.summary(queryset),
            "per_page": self.per_page(request),
            "per_page_choices": PER_PAGE_CHOICES,
            "add_url": reverse(self.add_url_name)
            if self.add_url_name and request.user.has_perm(perm_name(self.model, "add"))
            else None,
            "import_kind": self.import_kind
            if self.import_kind and request.user.has_perm(perm_name(self.model, "add"))
            else None,
            "is_filtered": any(
                k not in ("page", "per_page", "sort", "columns") and v for k, v in request.GET.items()
            ),
            "extra_actions_template": self.extra_actions_template,
        }
        template = (
            "core/includes/list_results.html"
            if request.htmx and not request.htmx.boosted
            else self.template_name
        )
        return render(request, template, context)

    def export(self, table) -> HttpResponse:
        columns = table.export_columns()
        titles = [str(c.header) for c in columns]
        data = table.data.data
        if hasattr(data, "iterator"):
            data = data[:EXPORT_LIMIT].iterator(chunk_size=2000)
        rows = ([table.export_value(record, c) for c in columns] for record in data)
        content = workbook_bytes([(str(self.model._meta.verbose_name_plural), titles, rows, None)])
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return file_response(content, f"{self.model._meta.verbose_name_plural}-{stamp}.xlsx")


# --- detail and tabs ----------------------------------------------------------------------


class ObjectDetailView(ScopedMixin, View):
    """One object; ``tabs`` is a callable(obj, user) -> list of tab dicts for the header."""

    template_name = None
    base_template = "core/object_detail_base.html"
    tab = "profile"
    tabs = None

    def get_context(self, obj) -> dict:
        return {}

    def base_context(self, obj) -> dict:
        return {
            "object": obj,
            "title": str(obj),
            "base_template": self.base_template,
            "tabs": self.tabs(obj, self.request.user) if self.tabs else [],
            "active_tab": self.tab,
            "can_change": self.request.user.has_perm(perm_name(self.model, "change")),
            "can_delete": self.request.user.has_perm(perm_name(self.model, "delete")),
        }

    def check_access(self, obj) -> None:
        """Extra checks after the scoped lookup (404) and the view permission (403)."""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        require_perm(request.user, self.model, "view")
        self.check_access(obj)
        return render(request, self.template_name, {**self.base_context(obj), **self.get_context(obj)})


class ObjectChildrenView(ObjectDetailView):
    """A tab listing related objects (qualifications of an enterprise …) as a table."""

    template_name = "core/object_children.html"
    child_queryset = None
    child_filter = None  # the child's field pointing at the parent
    table_class = None
    add_url_name = None
    empty_text = None  # what the table says when there is no row

    def children(self, obj):
        """The rows of the tab, through the child model's ``visible_to`` (scope first)."""
        return self.child_queryset.all().visible_to(self.request.user).filter(**{self.child_filter: obj})

    def child_table(self, children, exclude=()):
        table = self.table_class(children, request=self.request, exclude=exclude, empty_text=self.empty_text)
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        return table

    def get_context(self, obj) -> dict:
        user = self.request.user
        child_model = self.child_queryset.model
        can_add = self.add_url_name and user.has_perm(perm_name(child_model, "add"))
        return {
            "table": self.child_table(self.children(obj), exclude=(self.child_filter,)),
            "child_model_name": child_model._meta.verbose_name,
            "child_model_plural": child_model._meta.verbose_name_plural,
            "add_url": reverse(self.add_url_name, args=[obj.pk]) if can_add else None,
        }


class ObjectHistoryView(ObjectDetailView):
    """The History tab: every change of the object and of its children, newest first."""

    template_name = "core/object_history.html"
    tab = "history"

    def check_access(self, obj) -> None:
        if not roles.sees_whole_zone(self.request.user):
            raise PermissionDenied(_("Only zone staff can read the change history."))

    def get_context(self, obj) -> dict:
        changes = ObjectChange.objects.for_object(obj).select_related("content_type", "user")[:500]
        return {"changes": redact(changes, self.request.user)}


# --- edit ---------------------------------------------------------------------------------


class ObjectEditView(ScopedMixin, View):
    """Create (no pk) or update (pk) with a ModelForm. The save and the scope check run in
    one transaction: a save that would move the object out of the user's scope is undone."""

    form_class = None
    template_name = "core/object_edit.html"
    # Children (a qualification of an enterprise) are created under their parent's URL:
    # ``parent_queryset`` is scoped like any queryset, so another firm's id is a 404.
    parent_queryset = None
    parent_field = None

    def get_object_or_none(self):
        if "pk" not in self.kwargs:
            return None
        return self.get_object()

    def get_parent(self, obj):
        if self.parent_field is None:
            return None
        if obj is not None:
            return getattr(obj, self.parent_field)
        return get_object_or_404(
            self.parent_queryset.all().visible_to(self.request.user), pk=self.kwargs["parent_pk"]
        )

    def get_form(self, obj, data=None, files=None, parent=None):
        initial = {k: v for k, v in self.request.GET.items() if k != "next"} if obj is None else None
        form = self.form_class(data, files, instance=obj, initial=initial, user=self.request.user)
        if parent is not None:
            setattr(form.instance, self.parent_field, parent)
            form.validate_with_fields = {self.parent_field}
        return form

    def render_form(self, obj, form, status=200, conflict=None):
        parent = getattr(form.instance, self.parent_field) if self.parent_field else None
        fallback = (
            obj.get_absolute_url()
            if obj
            else (parent.get_absolute_url() if parent else reverse(self.list_url_name()))
        )
        if obj:
            title = _("Edit %(name)s") % {"name": obj}
        elif parent:
            title = _("Add %(model)s for %(parent)s") % {
                "model": self.model._meta.verbose_name,
                "parent": parent,
            }
        else:
            title = _("Add %(model)s") % {"model": self.model._meta.verbose_name}
        context = {
            "object": obj,
            "parent": parent,
            "form": form,
            "title": title,
            "model_name": self.model._meta.verbose_name,
            "cancel_url": safe_next(self.request, fallback),
            **self.version_context(obj, conflict),
        }
        return render(self.request, self.template_name, context, status=status)

    def version_context(self, obj, conflict) -> dict:
        """The hidden version fields (ADR 0018): on a conflict they keep the version the
        form was opened at, so saving again is refused again until the page is reloaded."""
        posted = self.request.method == "POST" and "_version" in self.request.POST
        if posted:  # an invalid or refused form keeps the version it was opened at
            context = {
                "version": self.request.POST.get("_version", ""),
                "seen_change": self.request.POST.get("_seen_change", ""),
            }
        else:
            context = {"version": version_token(obj), "seen_change": last_change_id(obj) if obj else ""}
        if conflict is not None:
            context |= {"conflict": conflict, "reload_url": self.request.get_full_path()}
        return context

    def conflict(self, obj) -> dict:
        """What the other person changed since the form was opened, read after the refusal."""
        current = type(obj)._base_manager.filter(pk=obj.pk).first()
        seen = self.request.POST.get("_seen_change", "")
        changes = changes_since(
            obj, int(seen) if seen.isdigit() else 0, parse_version(self.request.POST.get("_version"))
        )
        return {"deleted": current is None, "changes": changes}

    def list_url_name(self) -> str:
        meta = self.model._meta
        return f"{meta.app_label}:{meta.model_name}_list"

    def check_permission(self, obj) -> None:
        """The model permission, then (on a stored record) the model's object rule: the one
        hook of every edit, status and delete page (``core.permissions``)."""
        require_perm(self.request.user, self.model, "change" if obj else "add")
        if obj is not None:
            require_change(self.request.user, obj)

    def get(self, request, *args, **kwargs):
        obj = self.get_object_or_none()
        parent = self.get_parent(obj)  # out of scope: 404 before any 403
        self.check_permission(obj)
        return self.render_form(obj, self.get_form(obj, parent=parent))

    def post(self, request, *args, **kwargs):
        obj = self.get_object_or_none()
        parent = self.get_parent(obj)
        self.check_permission(obj)
        if obj is not None:
            obj.snapshot()
        form = self.get_form(obj, request.POST, request.FILES, parent=parent)
        if not form.is_valid():
            return self.render_form(obj, form, status=400)
        try:
            with transaction.atomic(), change_message(request.POST.get("_changelog", "").strip()[:300]):
                if obj is not None and hasattr(form.instance, "expect_version"):
                    form.instance.expect_version(request.POST.get("_version", ""))
                saved = form.save()
                if not self.get_queryset().filter(pk=saved.pk).exists():
                    transaction.set_rollback(True)
                    raise Http404
        except VersionConflict:
            return self.render_form(obj, form, status=409, conflict=self.conflict(obj))
        messages.success(request, _("Saved %(name)s.") % {"name": saved})
        return redirect(safe_next(request, saved.get_absolute_url()))


class ObjectStatusView(ObjectEditView):
    """ "Delete" for registers: a status change with a reason (注销, 迁出 …), audited."""

    template_name = "core/object_status.html"

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        return self.render_form(obj, self.form_class(instance=obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        obj.snapshot()
        form = self.form_class(request.POST, instance=obj)
        if not form.is_valid():
            return self.render_form(obj, form, status=400)
        try:
            with transaction.atomic(), change_message(form.cleaned_data["reason"]):
                if hasattr(obj, "expect_version"):
                    obj.expect_version(request.POST.get("_version", ""))
                form.save()
        except VersionConflict:
            return self.render_form(obj, form, status=409, conflict=self.conflict(obj))
        messages.success(
            request,
            _("Status of %(name)s is now “%(status)s”.") % {"name": obj, "status": obj.get_status_display()},
        )
        return redirect(obj.get_absolute_url())

    def render_form(self, obj, form, status=200, conflict=None):
        context = {
            "object": obj,
            "form": form,
            "title": _("Change status of %(name)s") % {"name": obj},
            "cancel_url": obj.get_absolute_url(),
            **self.version_context(obj, conflict),
        }
        return render(self.request, self.template_name, context, status=status)


class ObjectDeleteView(ScopedMixin, View):
    """Real deletion: administrators only (the ``delete`` permission), always recorded."""

    template_name = "core/object_delete.html"

    def check_permission(self, obj) -> None:
        require_perm(self.request.user, self.model, "delete")
        require(rule_allows(self.request.user, obj), refusal(obj))

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        return render(
            request, self.template_name, {"object": obj, "title": _("Delete %(name)s") % {"name": obj}}
        )

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_permission(obj)
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("Please give the reason for deleting."))
            return render(
                request,
                self.template_name,
                {"object": obj, "title": _("Delete %(name)s") % {"name": obj}},
                status=400,
            )
        name, target = str(obj), self.success_url(obj)
        try:
            with transaction.atomic(), change_message(reason[:300]):
                obj.delete()
        except (ValidationError, ProtectedError, RestrictedError) as error:  # a locked value, a record in use
            text = (
                protected_message(error)
                if not isinstance(error, ValidationError)
                else " ".join(error.messages)
            )
            messages.error(request, text)
            return render(
                request,
                self.template_name,
                {"object": obj, "title": _("Delete %(name)s") % {"name": obj}},
                status=400,
            )
        messages.success(request, _("Deleted %(name)s.") % {"name": name})
        return redirect(safe_next(request, target))

    def success_url(self, obj) -> str:
        parent = getattr(obj, "audit_parent", None)
        if parent:
            return getattr(obj, parent).get_absolute_url()
        meta = self.model._meta
        return reverse(f"{meta.app_label}:{meta.model_name}_list")


def today() -> datetime.date:
    return timezone.localdate()
