"""Tables of the land pages (list pages, column choice, exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import Allocation, FirmLand, LandRequest, MuScheme, Parcel


class ParcelTable(BaseTable):
    code = tables.Column(linkify=True, verbose_name=_("parcel code"))
    park = tables.Column(verbose_name=_("park"), order_by=("park__sort_order",))
    land_use = tables.Column(verbose_name=_("land use"), order_by=("land_use__code",))
    area_mu = tables.Column(verbose_name=_("area (mu)"), attrs={"td": {"class": "text-end"}})
    enterprise = tables.Column(verbose_name=_("holder"), order_by=("enterprise__name",))
    project = tables.Column(verbose_name=_("project"), order_by=("project__name",))
    flags = tables.Column(verbose_name=_("flags"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Parcel
        fields = (
            "code",
            "name",
            "park",
            "land_use",
            "area_mu",
            "status",
            "flags",
            "enterprise",
            "project",
            "investment_min",
            "tax_min",
            "status_since",
        )
        default_columns = (
            "code",
            "name",
            "park",
            "land_use",
            "area_mu",
            "status",
            "flags",
            "enterprise",
            "project",
        )
        always_visible = ("code",)
        empty_text = _("No parcel matches. Clear the filters, add a parcel or import a file with boundaries.")

    def render_land_use(self, record):
        return record.land_use.name

    def render_flags(self, record):
        flags = [str(_("idle")) if record.idle else "", str(_("inefficient")) if record.inefficient else ""]
        return "、".join(f for f in flags if f) or "—"

    def export_flags(self, record):
        return self.render_flags(record).replace("—", "")


class FirmLandTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.enterprise.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    net = tables.Column(
        verbose_name=_("land used (mu)"),
        empty_values=(),
        orderable=False,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        model = FirmLand
        fields = (
            "enterprise",
            "year",
            "owned_mu",
            "leased_in_mu",
            "let_out_mu",
            "net",
            "emissions_t",
            "note",
        )
        default_columns = fields
        always_visible = ("enterprise",)
        empty_text = _("No land recorded. Import the firms' land (owned, leased in, let out) for a year.")

    def render_net(self, record):
        return record.net_mu

    def export_net(self, record):
        return record.net_mu


class MuSchemeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = MuScheme
        fields = ("name", "year", "state", "method", "below_scale_min_mu", "exempt_new_years", "source")
        default_columns = ("name", "year", "state", "method", "source")
        always_visible = ("name",)
        empty_text = _("No per-mu evaluation yet. An administrator creates the year's scheme.")


class LandRequestTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("project"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    area = tables.Column(verbose_name=_("area asked (mu)"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = LandRequest
        fields = (
            "name", "status", "area", "land_use", "park", "enterprise", "fixed_asset_investment",
            "expected_tax", "requested_on", "department",
        )  # fmt: skip
        default_columns = ("name", "status", "area", "land_use", "park", "enterprise", "requested_on")
        always_visible = ("name",)
        empty_text = _("No land request. Add one from a lead or a signing, or here.")

    def render_area(self, record):
        if record.area_max_mu and record.area_max_mu != record.area_min_mu:
            return f"{record.area_min_mu}–{record.area_max_mu}"
        return f"{record.area_min_mu}"

    def export_area(self, record):
        return self.render_area(record)


class AllocationTable(BaseTable):
    parcel = tables.Column(
        linkify=lambda record: record.get_absolute_url(), verbose_name=_("parcel"), order_by=("parcel__code",)
    )
    request = tables.Column(verbose_name=_("land request"), order_by=("request__name",))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))

    class Meta(BaseTable.Meta):
        model = Allocation
        fields = (
            "parcel", "request", "status", "area_mu", "reserved_on", "contract_date", "contract_no",
            "price", "enterprise", "term_investment_min", "term_tax_min",
        )  # fmt: skip
        default_columns = (
            "parcel",
            "request",
            "status",
            "area_mu",
            "reserved_on",
            "contract_date",
            "enterprise",
        )
        always_visible = ("parcel",)
        empty_text = _("No allocation. Reserve a parcel from a land request's matching page.")
