"""The chains and their nodes are the administrators' (their keywords drive the classifier):
editing a node's keywords or excluded keywords raises its chain's ``version``, so the
classifications made with the old words can be told apart and a new automaton is built."""

from django.contrib import admin

from . import models

WORD_FIELDS = ("keywords", "excluded_keywords")


def bump_version(chain: models.Chain) -> None:
    chain.snapshot()
    chain.version += 1
    chain.save()


class ChainNodeInline(admin.TabularInline):
    model = models.ChainNode
    extra = 0
    fields = (
        "sort_order",
        "code",
        "name",
        "segment",
        "parent",
        "keywords",
        "excluded_keywords",
        "industry_codes",
    )
    raw_id_fields = ("parent",)


@admin.register(models.Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "lead_industry", "version", "sort_order")
    readonly_fields = ("version",)
    inlines = [ChainNodeInline]

    def save_formset(self, request, form, formset, change):
        words_changed = any(
            f.instance.pk is None or set(WORD_FIELDS) & set(f.changed_data)
            for f in formset.forms
            if f.has_changed()
        ) or bool(getattr(formset, "deleted_forms", []))
        super().save_formset(request, form, formset, change)
        if change and words_changed:
            bump_version(form.instance)


@admin.register(models.ChainNode)
class ChainNodeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "chain", "segment", "sort_order")
    list_filter = ("chain", "segment")
    search_fields = ("name", "code", "keywords")
    raw_id_fields = ("parent",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if set(WORD_FIELDS) & set(form.changed_data) or not change:
            bump_version(obj.chain)


@admin.register(models.NodeEnterprise)
class NodeEnterpriseAdmin(admin.ModelAdmin):
    list_display = ("node", "enterprise", "source", "confirmed", "score")
    list_filter = ("confirmed", "source")
    raw_id_fields = ("node", "enterprise")


@admin.register(models.TargetList)
class TargetListAdmin(admin.ModelAdmin):
    list_display = ("name", "department", "updated_at")


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "user",
        "started_at",
        "finished_at",
        "rows",
        "created",
        "updated",
        "rejected",
    )
    readonly_fields = [f.name for f in models.ImportBatch._meta.fields]
