"""Imports of the land module (.xlsx templates with a 填写说明 sheet, row errors as
everywhere): parcels with their boundary as WKT or GeoJSON text (checked as on the form:
valid, within 1% of the area, no overlap with a live parcel or an earlier row of the same file),
and the land each firm uses per year."""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import Column, ImportSpec, lookup_parser, register
from gaoxin.core.imports.columns import CellError, clean_text, normalize_header
from gaoxin.enterprises.imports import EnterpriseLookupMixin, stored_records
from gaoxin.zone.models import Park

from . import geometry
from .models import FirmLand, LandUseClass, Parcel


def boundary_parser(value):
    text = clean_text(value)
    if text == "":
        return None
    try:
        return geometry.parse(text)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from None


@register
class ParcelImport(EnterpriseLookupMixin, ImportSpec):
    kind = "parcels"
    label = _("Parcels")
    sheet_name = _("Parcels")
    description = _(
        "Parcels matched on their code, with the 标准地 terms and the boundary as WKT "
        "(POLYGON((113.38 31.69, …))) or GeoJSON text in longitude/latitude."
    )
    model = Parcel
    key = ("code",)

    def __init__(self, *args, **kwargs):
        self.parks, self.uses = {}, {}
        super().__init__(*args, **kwargs)

    def get_columns(self):
        return [
            Column("code", _("Parcel code"), required=True, aliases=("地块编号", "宗地编号", "地块编码"), text_format=True),
            Column("name", _("Name"), aliases=("地块名称", "名称")),
            Column(
                "park", _("Park"), required=True, aliases=("园区", "所属园区"),
                parse=lookup_parser(self.parks, _("park"), lambda: list(Park.objects.values_list("name", flat=True))),
                export=lambda p: p.park.name,
            ),
            Column("area_mu", _("Area (mu)"), required=True, aliases=("面积（亩）", "面积", "用地面积")),
            Column(
                "land_use", _("Land use"), required=True, aliases=("用途", "土地用途", "用地类型"),
                parse=lookup_parser(self.uses, _("land use"), lambda: list(LandUseClass.objects.values_list("code", flat=True))),
                export=lambda p: p.land_use.code, help=_("The GB/T 21010 code (0601) or name (工业用地)."), text_format=True,
            ),
            Column("status", _("Status"), aliases=("状态", "地块状态")),
            Column("status_since", _("Status since"), aliases=("状态日期",)),
            Column("plot_ratio_min", _("Plot ratio at least"), aliases=("容积率下限",)),
            Column("plot_ratio_max", _("Plot ratio at most"), aliases=("容积率上限",)),
            Column("coverage_min", _("Building coverage at least (%)"), aliases=("建筑系数下限",)),
            Column("green_max", _("Green ratio at most (%)"), aliases=("绿地率上限",)),
            Column("investment_min", _("Investment intensity at least (10k yuan/mu)"), aliases=("投资强度",)),
            Column("tax_min", _("Tax per mu at least (10k yuan/mu)"), aliases=("亩均税收",)),
            Column("energy_max", _("Energy per 10k yuan of output at most (tce)"), aliases=("能耗",)),
            Column(
                "boundary", _("Boundary (WKT or GeoJSON)"), aliases=("边界", "坐标", "WKT", "GeoJSON"),
                parse=boundary_parser, export=lambda p: json.dumps(p.boundary, ensure_ascii=False) if p.boundary else "", width=40,
            ),
            Column("is_public", _("Public (扫码出图)"), aliases=("公开",)),
            Column("note", _("Note"), aliases=("备注",)),
        ]  # fmt: skip

    def prepare(self):
        for park in Park.objects.all():
            self.parks[normalize_header(park.name)] = park
            self.parks[normalize_header(park.code)] = park
        for use in LandUseClass.objects.all():
            self.uses[normalize_header(use.code)] = use
            self.uses[normalize_header(use.name)] = use
        self.stored = {
            code: (pk, area) for code, pk, area in Parcel.objects.values_list("code", "pk", "area_mu")
        }
        self.drawn: list[tuple[str, object]] = []

    def clean_row(self, values, row):
        geom = values.pop("boundary", None)
        if geom is None:
            return
        code = values.get("code")
        pk, stored_area = self.stored.get(code, (None, None))
        try:
            derived = geometry.check(geom, values.get("area_mu") or stored_area, exclude_pk=pk)
        except ValidationError as error:
            row.error("boundary", " ".join(error.messages))
            return
        for other_code, other in self.drawn:
            shared = geometry.shared_m2(geom, other)
            if shared > geometry.overlap_tolerance_m2():
                row.error(
                    "boundary",
                    gettext("The boundary overlaps parcel %(code)s of an earlier row by %(m2).1f m².")
                    % {"code": other_code, "m2": shared},
                )
                return
        self.drawn.append((code, geom))
        values.update(derived)

    def existing(self, keys):
        base = self.locked(Parcel.objects.visible_to(self.user).select_related("park", "land_use"))
        return {(p.code,): p for p in base.filter(code__in=[k[0] for k in keys])}

    def export_queryset(self):
        return Parcel.objects.visible_to(self.user).select_related("park", "land_use")


@register
class FirmLandImport(EnterpriseLookupMixin, ImportSpec):
    kind = "firm-land"
    label = _("Land used by firms")
    sheet_name = _("Land")
    description = _(
        "The land each firm uses in a year (owned, leased in, let out, in mu) and its major-pollutant emissions, matched on credit code + year."
    )
    model = FirmLand
    key = ("enterprise", "year")

    def get_columns(self):
        return [
            *self.enterprise_columns(),
            Column("year", _("Year"), required=True, aliases=("年度", "年份")),
            Column("owned_mu", _("Owned land (mu)"), aliases=("自有用地", "自有土地（亩）")),
            Column("leased_in_mu", _("Land leased in (mu)"), aliases=("租入用地", "租用土地（亩）")),
            Column("let_out_mu", _("Land let out (mu)"), aliases=("出租用地", "出租土地（亩）")),
            Column("emissions_t", _("Major-pollutant emissions (t)"), aliases=("排放量", "主要污染物排放量")),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def prepare(self):
        self.prepare_enterprises()

    def clean_row(self, values, row):
        self.check_name(values, row)

    def clean_merged(self, values, row):
        owned, leased, let_out = (values.get(k) or 0 for k in ("owned_mu", "leased_in_mu", "let_out_mu"))
        if let_out > owned + leased:
            row.error(
                "let_out_mu",
                gettext("More land let out (%(out)s mu) than owned and leased in (%(have)s mu).")
                % {"out": let_out, "have": owned + leased},
            )

    def existing(self, keys):
        base = self.locked(FirmLand.objects.visible_to(self.user).select_related("enterprise"))
        return stored_records(
            base, "enterprise_id", {k[0].pk for k in keys}, lambda f: (f.enterprise, f.year)
        )

    def export_queryset(self):
        return FirmLand.objects.visible_to(self.user).select_related("enterprise")
