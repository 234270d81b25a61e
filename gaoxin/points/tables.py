import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, MoneyColumn

from .models import Consent, PointLoan, PointScheme


class PointSchemeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = PointScheme
        fields = ("name", "version", "valid_from", "valid_to", "is_example", "source")
        default_columns = fields
        always_visible = ("name",)
        empty_text = _("No point scheme yet. An administrator adds one (with its indicators) in the admin.")


class ConsentTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.enterprise.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    edit = tables.LinkColumn(
        "points:consent_edit",
        args=[tables.A("pk")],
        text=_("Edit"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = Consent
        fields = ("enterprise", "bank", "granted_on", "revoked_on", "note", "edit")
        default_columns = fields
        always_visible = ("enterprise", "edit")
        empty_text = _("No consent recorded. A firm's consent is needed before its points go to a bank.")


class PointLoanTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.enterprise.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    amount = MoneyColumn(verbose_name=_("amount"))
    edit = tables.LinkColumn(
        "points:loan_edit",
        args=[tables.A("pk")],
        text=_("Edit"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = PointLoan
        fields = ("enterprise", "bank", "amount", "granted_on", "term_months", "note", "edit")
        default_columns = fields
        always_visible = ("enterprise", "edit")
        empty_text = _("No points loan recorded. Record the loans banks report back.")
