"""The points as a workbook (the list's export and the bank export): one row per firm with its
stage, total, rank and tier, then one column per indicator's points; the scheme named on a
second sheet, with the 示例 warning when it is an example set."""

from django.utils.translation import gettext as _

from gaoxin.core.xlsx import workbook_bytes


def sheets_workbook(sheets, scheme) -> bytes:
    indicators = list(scheme.indicators.all())
    headers = [
        _("Enterprise"),
        _("Credit code"),
        _("Year"),
        _("Stage"),
        _("Points"),
        _("Rank in stage"),
        _("Tier"),
        *[f"{i.name}（{_('points')}）" for i in indicators],
        _("Missing data"),
    ]
    from gaoxin.enterprises.models import Enterprise

    codes = dict(
        Enterprise.objects.filter(pk__in=[s.enterprise_id for s in sheets]).values_list("pk", "uscc")
    )
    rows = []
    for sheet in sheets:
        points = {line.indicator.pk: line.points for line in sheet.lines}
        rows.append(
            [
                sheet.name,
                codes.get(sheet.enterprise_id, ""),
                sheet.year,
                sheet.stage_label or str(sheet.stage_missing),
                sheet.total if sheet.stage else None,
                sheet.rank,
                sheet.tier,
                *[points.get(i.pk) for i in indicators],
                "；".join(sheet.missing),
            ]
        )
    about = [[_("Scheme"), str(scheme)], [_("Valid from"), scheme.valid_from], [_("Source"), scheme.source]]
    if scheme.is_example:
        about.append([_("Note"), _("An example scheme: not the official indicators and weights.")])
    return workbook_bytes(
        [(_("Innovation points"), headers, rows, None), (_("Scheme"), ["", ""], about, [16, 60])]
    )
