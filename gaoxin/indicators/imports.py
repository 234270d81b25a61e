"""The statistics bureau's tables as imports.

``indicator-table``: the zone-level 主要经济指标完成情况表 — one row per indicator, with the
period's cumulative value and growth; title rows, merged two-row headers, blank rows and
footnotes (注：…) as the bureau really prints them.

``enterprise-monthly``: the enterprise-level monthly table — one row per enterprise (credit
code or exact name), one column per indicator, for one period. Each row stands for one
observation per indicator column.

Both ask for the data set and the period at upload; the period in a table's title must
agree, an approved (locked) period is refused, and a cumulative value may not fall below the
previous month's. Percentages are stored as percent points: "13.8%", 13.8 and a 0.138 in a
cell Excel formats as a percentage all mean 13.8.
"""

import difflib
import re
from decimal import Decimal
from functools import cached_property

from django import forms
from django.db.models import Q
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.audit import change_row
from gaoxin.core.bulk import FastInserter, loaded_instances
from gaoxin.core.bulk import new_instance as bulk_new_instance
from gaoxin.core.forms import style_widgets
from gaoxin.core.imports import CellError, Column, ImportSpec, register
from gaoxin.core.imports.columns import clean_text, normalize_header, shown, to_decimal
from gaoxin.enterprises.imports import chunks, parse_uscc
from gaoxin.enterprises.models import Enterprise

from .locks import locked_reporters, locked_values
from .models import DataSet, Indicator, Observation, Scope, Submission, period_label
from .services import marked, plain, refresh_aggregates

NOTE_PREFIXES = ("注", "备注", "说明", "数据来源", "资料来源", "填报", "制表", "审核", "单位负责人", "附注")
TITLE_PERIOD = re.compile(r"(\d{4})\s*年\s*(?:1\s*[-—–~至]\s*)?(\d{1,2})\s*月")
# Units a bureau table may print, by family, with their size in the family's base unit:
# a level converts exactly within its family (亿元 × 10000 = 万元) and never across one.
UNIT_FAMILIES = {
    "元": ("money", Decimal(1)),
    "万元": ("money", Decimal(10000)),
    "亿元": ("money", Decimal(100000000)),
    "千瓦时": ("energy", Decimal(1)),
    "万千瓦时": ("energy", Decimal(10000)),
    "亿千瓦时": ("energy", Decimal(100000000)),
    "%": ("percent", Decimal(1)),
    "％": ("percent", Decimal(1)),
}
# The status column of the zone table: the bureau's words for how final a figure is.
STATUS_WORDS = {
    "预计": Observation.Status.ESTIMATE,
    "快报": Observation.Status.PRELIMINARY,
    "正式": Observation.Status.FINAL,
}


def unit_factor(unit: str, target: str) -> Decimal | None:
    """What a number in ``unit`` is multiplied by to be in ``target`` (1 for the same unit);
    None when the two units are not of one family (亿元 and %, 万元 and 万千瓦时)."""
    if unit == target:
        return Decimal(1)
    source, wanted = UNIT_FAMILIES.get(unit), UNIT_FAMILIES.get(target)
    if source is None or wanted is None or source[0] != wanted[0]:
        return None
    return source[1] / wanted[1]


def status_column() -> Column:
    """The zone table's optional 数据状态 column."""
    return Column(
        "status",
        _("Figure status"),
        parse=parse_status,
        aliases=("数据状态", "数据类型", "状态", "数据性质", "预计/快报/正式"),
        width=10,
        example="正式",
        help=_("预计, 快报 or 正式 (blank: final for a new figure, unchanged for a stored one)."),
    )


def parse_status(value):
    """预计 / 快报 / 正式 (blank: the figure's status stays as it is, final for a new one)."""
    text = clean_text(value)
    if not text:
        return None
    status = STATUS_WORDS.get(text)
    if status is None:
        raise CellError(
            gettext("The status “%(value)s” is not one of 预计, 快报, 正式.") % {"value": shown(text)}
        )
    return status.value


class PeriodOptionsForm(forms.Form):
    """The data set and period a table is imported for (asked at upload)."""

    data_set = forms.ModelChoiceField(
        queryset=DataSet.objects.all(), label=_("Data set"), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    month = forms.IntegerField(label=_("Cumulative to month"), min_value=1, max_value=12)

    scopes: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_set"].queryset = (
            DataSet.objects.filter(scope__in=self.scopes) if self.scopes else DataSet.objects.all()
        )
        self.fields["data_set"].initial = (
            self.fields["data_set"].queryset.values_list("code", flat=True).first()
        )
        year, month = next_period()
        self.fields["year"].initial, self.fields["month"].initial = year, month
        style_widgets(self)

    def clean(self):
        data = super().clean()
        data_set, month = data.get("data_set"), data.get("month")
        if data_set and month == 1 and data_set.combine_jan_feb:
            raise forms.ValidationError(
                gettext("%(set)s publishes January together with February (1–2月): choose month 2.")
                % {"set": data_set}
            )
        if data_set and month and (refusal := quarter_refusal(data_set, month)):
            raise forms.ValidationError(refusal)
        return data


def quarter_refusal(data_set: DataSet, month: int) -> str:
    """A quarterly data set is reported for months 3, 6, 9 and 12 only ("" when ``month`` is one)."""
    if month in data_set.months() or data_set.frequency != DataSet.Frequency.QUARTERLY:
        return ""
    return gettext("%(set)s is published quarterly: choose month 3, 6, 9 or 12.") % {"set": data_set}


def row_values(values) -> str | None:
    """The value and growth of an observation (or of its stored fields) as one short text
    for the audit row, e.g. "1234.5（增速 13.8%）"."""
    if isinstance(values, Observation):
        value, growth = values.value, values.growth
        previous, status = values.previous_value, values.status
    else:
        values = values or {}
        value, growth = values.get("value"), values.get("growth")
        previous, status = values.get("previous_value"), values.get("status")
        value = None if value == "" else value  # serialized fields: text or None
        growth = None if growth == "" else growth
        previous = None if previous == "" else previous
    return value_text(value, growth, previous, status)


def value_text(value, growth, previous=None, status=None) -> str | None:
    """``row_values`` of a value, a growth, a 上年同期 (Decimals, their text or None) and the
    figure's status: "—（增速 11.1%）（预计）" for an estimate."""
    if status is not None and status != "final":
        text = value_text(value, growth, previous)
        return text if text is None else marked(text, status)
    text = growth_text(value, growth)
    if previous is None:
        return text
    return (text or "—") + gettext("（same period last year %(value)s）") % {"value": short_number(previous)}


def growth_text(value, growth) -> str | None:
    if growth is None:
        if value is None:
            return None
        if type(value) is Decimal:  # short_number inlined: 100,000 calls per table
            return format(value.normalize(), "f") if value else "0"
        return short_number(value)
    text = "—" if value is None else short_number(value)
    return text + gettext("（growth %(growth)s%%）") % {"growth": short_number(growth)}


def short_number(value) -> str:
    """1000.0000 → "1000", "12.50" → "12.5" (Decimals as stored or their text)."""
    if type(value) is not Decimal:
        value = Decimal(str(value))
    return format(value.normalize(), "f") if value else "0"


def next_period() -> tuple[int, int]:
    """The period after the latest data (the one usually imported next)."""
    from .services import latest_period

    latest = latest_period()
    if latest is None:
        today = timezone.localdate()
        return (today.year, today.month - 1) if today.month > 2 else (today.year - 1, 12)
    year, month = latest
    return (year + 1, 2) if month == 12 else (year, month + 1)


class ZoneTableOptions(PeriodOptionsForm):
    scopes = (Scope.ZONE, Scope.DEPARTMENT)


def parse_percent(value):
    """Growth in percent points: "13.8%", "13.8", 13.8 → 13.8 (a percent-formatted cell's
    0.138 is turned into 13.8 by the engine before it gets here)."""
    if isinstance(value, str):
        text = clean_text(value).replace("％", "%")
        if text.endswith("%"):
            value = text[:-1].strip()
    number = to_decimal(value)
    if number is None:
        return None
    if number < -100 or number >= 100000:  # nothing falls by more than all of it (the model's bounds)
        raise CellError(gettext("The growth rate %(value)s is not plausible.") % {"value": shown(value)})
    return number.quantize(Decimal("0.01"))


FOUR_PLACES = Decimal("0.0001")


def parse_amount(value):
    if type(value) is float and -1e16 < value < 1e16:  # most cells: a plain float in range
        return Decimal(repr(value)).quantize(FOUR_PLACES)
    number = Decimal(repr(value)) if type(value) is float else to_decimal(value)
    if number is None:
        return None
    if number.adjusted() >= 16:
        raise CellError(gettext("The number %(value)s is too large.") % {"value": shown(value)})
    return number.quantize(FOUR_PLACES)


class PeriodSpecMixin:
    """What both bureau tables share: the period, the data set, locks, footnotes, and one
    audit row per table row (on the submission, naming the enterprise it is about)."""

    locate_header = True
    audit_by_row = True
    key = ("indicator", "scope_key", "year", "month")

    def audit_rows(self, plans, message, ctx, now) -> list[dict]:
        rows: dict[int, list] = {}
        for plan in plans:
            group = rows.get(plan.number)
            if group is None:
                rows[plan.number] = [plan]
            else:
                group.append(plan)
        bases: dict[int, dict] = {}  # one audit row per submission, copied for each table row
        single = self.single_submission()
        out = []
        for group in rows.values():
            first = group[0]
            if first.created:  # a new value has no instance (``lazy_instances``)
                enterprise = first.values.get("enterprise")
                scope_key = first.values["scope_key"]
            else:
                enterprise = first.instance.enterprise if first.instance.enterprise_id else None
                scope_key = first.instance.scope_key
            submission = self.submissions[single or self.submission_key(scope_key)]
            base = bases.get(submission.pk)
            if base is None:
                base = bases[submission.pk] = change_row(
                    submission, "create", None, None, message, ctx, now, related=enterprise
                )
            row = base.copy()
            row["related_object_id"] = str(enterprise.pk) if enterprise is not None else ""
            after = {}
            created = True
            for plan in group:
                if plan.created:
                    values = plan.values
                    after[values["indicator"].name] = value_text(
                        values.get("value"),
                        values.get("growth"),
                        values.get("previous_value"),
                        values.get("status"),
                    )
                else:
                    created = False
                    after[plan.instance.indicator.name] = row_values(plan.instance)
            if not created:
                row["action"] = "update"
                row["prechange_data"] = {
                    p.instance.indicator.name: row_values(p.before) for p in group if not p.created
                }
            row["postchange_data"] = after
            out.append(row)
        return out

    @cached_property
    def data_set(self) -> DataSet:
        value = self.options.get("data_set")
        if isinstance(value, DataSet):
            return value
        return DataSet.objects.get(code=value)

    @property
    def year(self) -> int:
        return int(self.options["year"])

    @property
    def month(self) -> int:
        return int(self.options["month"])

    def period(self) -> str:
        return self.data_set.period_label(self.year, self.month)

    def check_table(self, table, result) -> None:
        """The period rules hold however the spec is called (page, API, command), not only in the form."""
        if self.month == 1 and self.data_set.combine_jan_feb:
            result.file_error = gettext(
                "%(set)s publishes January together with February (1–2月): choose month 2."
            ) % {"set": self.data_set}
            return
        if refusal := quarter_refusal(self.data_set, self.month):
            result.file_error = refusal
            return
        match = TITLE_PERIOD.search(table.title or "")
        if match and (int(match.group(1)), int(match.group(2))) != (self.year, self.month):
            result.file_error = gettext(
                "The table's title says %(title)s, but the import is for %(period)s. Choose the right period or file."
            ) % {"title": period_label(int(match.group(1)), int(match.group(2))), "period": self.period()}

    def skip_row(self, raw) -> bool:
        for cell in raw:
            if cell != "" and cell is not None:
                if type(cell) is str and cell.strip().startswith(NOTE_PREFIXES):
                    return True
                break
        width = len(raw)
        for index in self.value_indices:
            if index < width:
                cell = raw[index]
                if cell != "" and cell is not None:
                    return False
        return True

    def previous_month(self) -> int | None:
        if self.month == 1 or (self.month == 2 and self.data_set.combine_jan_feb):
            return None
        return self.month - 1

    def previous_values(self, scope_keys=None) -> dict[tuple[int, str], Decimal]:
        month = self.previous_month()
        if month is None:
            return {}
        queryset = Observation.objects.filter(year=self.year, month=month, value__isnull=False)
        if scope_keys is not None:
            queryset = queryset.filter(scope_key__in=scope_keys)
        return {(i, k): v for i, k, v in queryset.values_list("indicator_id", "scope_key", "value")}

    def check_not_falling(self, indicator, key, value, row, column_key) -> None:
        before = self.previous.get((indicator.id, key))
        if value is not None and before is not None and value < before and indicator.cumulative:
            row.error(
                column_key,
                gettext(
                    "The cumulative value %(value)s is below 1–%(month)d月's %(before)s; a cumulative value cannot fall."
                )
                % {"value": plain(value), "month": self.previous_month(), "before": plain(before)},
            )

    def new_submission(self, **fields) -> Submission:
        return Submission.objects.create(**fields)

    def submission_key(self, scope_key: str) -> str:
        """The submission a value (of ``scope_key``) belongs to: the firm's own when firms
        file this data set, otherwise the one submission of the table."""
        return "zone"

    def single_submission(self) -> str | None:
        """The key of the one submission every value belongs to, if there is only one."""
        return "zone"

    lazy_instances = True

    def save_new(self, new, updated):
        """Attach every value to its submission, then write the new values: one INSERT
        straight from the plans' values (no model instance per value, no UPDATE of
        100,000 rows afterwards)."""
        single = self.single_submission()
        wanted: dict[str, object] = {}  # submission key → the enterprise of a firm's own
        if single is not None:
            if new or updated:
                wanted[single] = None
        else:
            for plan in new:
                wanted.setdefault(self.submission_key(plan.values["scope_key"]), plan)
            for plan in updated:
                wanted.setdefault(self.submission_key(plan.instance.scope_key), plan)
        submissions = {
            s.scope_key: s
            for s in Submission.objects.filter(
                data_set=self.data_set, year=self.year, month=self.month, scope_key__in=list(wanted)
            )
        }
        for key, plan in wanted.items():
            if key not in submissions:
                enterprise = None
                if key.startswith("ent:"):
                    enterprise = plan.values.get("enterprise") if plan.created else plan.instance.enterprise
                submissions[key] = self.new_submission(
                    data_set=self.data_set,
                    year=self.year,
                    month=self.month,
                    scope_key=key,
                    enterprise=enterprise,
                )
        self.submissions = submissions
        provenance = self.provenance()
        provenance.pop("year"), provenance.pop("month")
        for plan in updated:
            instance = plan.instance
            provenance["submission_id"] = submissions[single or self.submission_key(instance.scope_key)].pk
            for attname, value in provenance.items():
                if getattr(instance, attname) != value:
                    setattr(instance, attname, value)
                    plan.changed_fields.append(attname.removesuffix("_id"))
        if new:
            self.insert_new(new, single)
        return []  # the new values' ids are not needed: the audit is per table row

    def insert_new(self, new, single: str | None) -> None:
        """The new values as rows: what ``new_instance`` would set per value, the template
        (defaults, period, provenance) for the rest."""
        shared = dict(self.template)
        columns = ["indicator_id", "enterprise_id", "scope", "scope_key", "value", "growth", "previous_value"]
        if single is not None:
            shared["submission_id"] = self.submissions[single].pk
            rows = [
                (
                    values["indicator"].id,
                    None if (enterprise := values.get("enterprise")) is None else enterprise.id,
                    values["scope"],
                    values["scope_key"],
                    values.get("value"),
                    values.get("growth"),
                    values.get("previous_value"),
                )
                for values in [plan.values for plan in new]
            ]
        else:
            columns.append("submission_id")
            ids = {key: submission.pk for key, submission in self.submissions.items()}
            rows = [
                (
                    values["indicator"].id,
                    None if (enterprise := values.get("enterprise")) is None else enterprise.id,
                    values["scope"],
                    values["scope_key"],
                    values.get("value"),
                    values.get("growth"),
                    values.get("previous_value"),
                    ids[self.submission_key(values["scope_key"])],
                )
                for values in [plan.values for plan in new]
            ]
        for name in columns:
            shared.pop(name, None)
        FastInserter(Observation).insert_rows(shared, columns, rows)

    def existing(self, keys):
        indicator_ids = {key[0] for key in keys}
        scope_keys = sorted({key[1] for key in keys})
        found = {}
        base = Observation.objects.filter(year=self.year, month=self.month, indicator_id__in=indicator_ids)
        if len(scope_keys) > 100 and not base.exists():
            return found  # a period's first table: no need to ask for 10,000 keys in chunks
        for part in chunks(scope_keys):
            for observation in base.filter(scope_key__in=part).select_related(
                "indicator", "enterprise", "park"
            ):
                found[(observation.indicator_id, observation.scope_key)] = observation
        return found

    def observation(self, indicator, **values) -> dict:
        """A value as the table gives it; what all values of the import share (period,
        provenance) comes from ``provenance`` in ``new_instance`` and ``before_save``."""
        return {"indicator": indicator, **values}

    source = Observation.Source.BUREAU

    def provenance(self) -> dict:
        return {
            "year": self.year,
            "month": self.month,
            "entered_by_id": self.user.pk,
            "source": self.source,
            "source_file": (self.options.get("filename") or "")[:200],
        }

    @cached_property
    def template(self) -> dict:
        data = dict(bulk_new_instance(Observation, {}).__dict__)
        data.pop("_state")
        data.update(self.provenance())
        return data

    def new_instance(self, values) -> Observation:
        """``core.bulk.new_instance`` specialised: a copy of the shared fields and four
        per-value ones (a third of the time of a 100,000-value table otherwise)."""
        data = self.template.copy()
        state = data["_state"] = ModelState()
        indicator = values["indicator"]
        data["indicator_id"] = indicator.id
        enterprise = values.get("enterprise")
        if enterprise is not None:
            data["enterprise_id"] = enterprise.id
            state.fields_cache = {"indicator": indicator, "enterprise": enterprise}
        else:
            state.fields_cache = {"indicator": indicator}
        data["scope"] = values["scope"]
        data["scope_key"] = values["scope_key"]
        value = values.get("value")
        if value is not None:
            data["value"] = value
        growth = values.get("growth")
        if growth is not None:
            data["growth"] = growth
        previous = values.get("previous_value")
        if previous is not None:
            data["previous_value"] = previous
        obj = Observation.__new__(Observation)
        obj.__dict__ = data
        return obj

    def key_of(self, values) -> tuple:
        return (values["indicator"].id, values["scope_key"])


def indicator_lookup():
    table = {}
    for indicator in Indicator.objects.filter(is_active=True):
        for name in indicator.all_names():
            table[normalize_header(name)] = indicator
    return table


@register
class IndicatorTableImport(PeriodSpecMixin, ImportSpec):
    kind = "indicator-table"
    label = _("Main indicators table (bureau)")
    sheet_name = _("Main indicators")
    description = _(
        "The statistics bureau's 主要经济指标完成情况表 for one period: one row per indicator with the cumulative value and growth."
    )
    model = Observation
    options_form = ZoneTableOptions
    ignore_unknown_columns = True
    exportable = False  # one period's table: the observation list exports the data

    def get_columns(self):
        return [
            Column(
                "indicator",
                _("Indicator"),
                required=True,
                parse=self._indicator,
                aliases=("指标名称", "指标", "项目", "主要指标"),
                width=28,
                example="规模以上工业增加值",
            ),
            Column(
                "unit", _("Unit"), aliases=("计量单位", "单位"), parse=clean_text, width=10, example="万元"
            ),
            status_column(),
            Column(
                "value",
                _("Cumulative value"),
                parse=parse_amount,
                percent_aware=True,
                aliases=(
                    "本期累计值",
                    "累计值",
                    "本年累计",
                    "本期累计",
                    "累计",
                    "1-本月累计",
                    "本期",
                    "绝对值",
                    "总量",
                ),
                example="1433000",
                help=_("The 1–N月 cumulative value, in the indicator's unit (or the unit column's)."),
            ),
            Column(
                "growth",
                _("Growth (%)"),
                parse=parse_percent,
                percent_aware=True,
                aliases=(
                    "同比增速",
                    "同比增长",
                    "增速",
                    "同比",
                    "同比±%",
                    "累计同比",
                    "增长",
                    "比上年同期增长",
                    "本期累计同比增长",
                ),
                example="13.8",
                help=_(
                    "Year-on-year growth of the cumulative value: 13.8, “13.8%” or a percent-formatted 0.138."
                ),
            ),
        ]

    def prepare(self):
        self.indicators = indicator_lookup()
        self.value_indices = [i for i, c in self.mapping.items() if c.key in ("value", "growth")]
        self.previous = self.previous_values(["zone"])

    def check_table(self, table, result):
        super().check_table(table, result)
        # locked by the value's reporter and period, whatever data set approved it (locks.py)
        if not result.file_error and locked_reporters(self.year, self.month, ["zone"]):
            result.file_error = gettext(
                "%(set)s for %(period)s is approved and locked; an administrator must reopen it first."
            ) % {"set": self.data_set, "period": self.period()}

    def _indicator(self, value):
        text = clean_text(value)
        if not text:
            return None
        found = self.indicators.get(normalize_header(text))
        if found is None:
            # Bureau names carry numbering and units: "1.规模以上工业增加值（亿元）".
            stripped = re.sub(r"^[\d一二三四五六七八九十]+[、.．)）]\s*|[（(][^）)]*[）)]$", "", text)
            found = self.indicators.get(normalize_header(stripped))
        if found is None:
            names = [i.name for i in set(self.indicators.values())]
            nearest = difflib.get_close_matches(text, names, n=1, cutoff=0.3)
            hint = gettext("; did you mean “%(name)s”?") % {"name": nearest[0]} if nearest else ""
            raise CellError(gettext("No indicator is called “%(name)s”") % {"name": shown(text)} + hint)
        return found

    def clean_row(self, values, row):
        indicator = values["indicator"]
        if values.get("value") is not None and not zone_level(indicator, values, row):
            return
        self.check_not_falling(indicator, "zone", values.get("value"), row, "value")

    def records(self, values, row):
        status = values.get("status")
        return [
            self.observation(
                values["indicator"],
                scope=Scope.ZONE,
                scope_key="zone",
                value=values.get("value"),
                growth=values.get("growth"),
                **({"status": status} if status else {}),
            )
        ]

    def insert_new(self, new, single):
        """The zone table's few new values, with the status each row gives (final when blank)."""
        objects = []
        for plan in new:
            observation = self.new_instance(plan.values)
            observation.submission_id = self.submissions[single].pk
            observation.status = plan.values.get("status") or Observation.Status.FINAL
            objects.append(observation)
        Observation.objects.bulk_create(objects)


def zone_level(indicator, values, row) -> bool:
    """The number in the cumulative column, in the indicator's unit: a level in an amount's
    unit converted exactly (85.6 亿元 → 856000 万元); a unit of another family refused; a
    growth-only indicator's number is its growth only where the unit says % and the growth
    column is blank, and refused otherwise (never stored as a level under a % indicator)."""
    unit = (values.get("unit") or "").replace("％", "%")
    if indicator.growth_only:
        if unit == "%" and values.get("growth") is None:
            values["growth"], values["value"] = values["value"], None  # the number is its growth
            return True
        row.error("unit" if unit not in ("", "%") else "value", growth_only_refusal(indicator, unit, values))
        return False
    factor = unit_factor(unit, indicator.unit) if unit else Decimal(1)
    if factor is None:
        row.error(
            "unit",
            gettext("The unit “%(unit)s” does not match the indicator's unit %(expected)s.")
            % {"unit": unit, "expected": indicator.unit},
        )
        return False
    if factor != 1:
        values["value"] = (values["value"] * factor).quantize(FOUR_PLACES)
    return True


def growth_only_refusal(indicator, unit: str, values) -> str:
    params = {"name": indicator.name, "value": short_number(values["value"]), "unit": unit}
    if not unit:
        return (
            gettext(
                "%(name)s is published as a growth rate only (%%): the cumulative value %(value)s has no unit "
                "and is not stored. Give the unit, or give the indicator a level unit (万元) in the catalogue."
            )
            % params
        )
    if unit == "%":
        return (
            gettext(
                "%(name)s is published as a growth rate only: the cumulative column holds %(value)s%% "
                "besides the growth; leave it blank or put the growth in the growth column."
            )
            % params
        )
    return (
        gettext(
            "The unit “%(unit)s” does not match: %(name)s is published as a growth rate (%%) only, "
            "so the level %(value)s%(unit)s is not stored."
        )
        % params
    )


def prior_label(indicator) -> str:
    """The header of an indicator's 上年同期 column: ``规模以上工业总产值上年同期``."""
    return gettext("%(name)s, same period last year") % {"name": indicator.name}


def prior_column(indicator, names: tuple) -> Column:
    """The 上年同期 of an indicator beside its cumulative value: "<指标>上年同期", also under
    a merged "<指标>" header over "本年累计 | 上年同期"."""
    return Column(
        f"prev:{indicator.code}",
        prior_label(indicator),
        parse=parse_amount,
        aliases=(*(f"{n}上年同期" for n in names), f"{indicator.name}上年同期（{indicator.unit}）"),
        width=14,
        help=gettext(
            "上年同期: the same period last year in %(unit)s as this year's statistics report states it "
            "(revised, or for a firm new to 规上 the figure it never filed last year). Blank: growth "
            "compares with the firm's own value of last year."
        )
        % {"unit": indicator.unit or "—"},
    )


class EnterpriseTableOptions(PeriodOptionsForm):
    scopes = (Scope.ENTERPRISE, Scope.ZONE, Scope.DEPARTMENT)


@register
class EnterpriseMonthlyImport(PeriodSpecMixin, ImportSpec):
    kind = "enterprise-monthly"
    label = _("Enterprise monthly table")
    sheet_name = _("Enterprise monthly")
    description = _(
        "One period's values per enterprise (rows: credit code or exact name; columns: indicators); "
        "park and zone totals are recomputed on import."
    )
    model = Observation
    options_form = EnterpriseTableOptions
    exportable = False

    def get_columns(self):
        columns = [
            Column(
                "uscc",
                _("Unified social credit code"),
                parse=lambda v: parse_uscc(v) or None,
                aliases=("统一社会信用代码", "信用代码", "社会信用代码"),
                width=22,
                text_format=True,
            ),
            Column(
                "name",
                _("Enterprise name"),
                parse=clean_text,
                aliases=("企业名称", "单位名称", "单位详细名称", "企业"),
                width=30,
                help=_("Used when the credit code is blank; must match exactly one enterprise."),
            ),
            Column(
                "ignored",
                _("Serial number"),
                parse=lambda v: None,
                aliases=("序号", "行业代码", "所属园区", "园区", "备注"),
            ),
        ]
        self.indicator_columns = {}
        for indicator in Indicator.objects.filter(is_active=True, kind=Indicator.Kind.LEVEL).order_by(
            "sort_order"
        ):
            key = f"ind:{indicator.code}"
            names = tuple(n for n in indicator.all_names() if n) + tuple(
                f"{indicator.name}（{indicator.unit}）" for _ in [0] if indicator.unit
            )
            columns.append(
                Column(
                    key,
                    indicator.name,
                    parse=parse_amount,
                    aliases=names + tuple(f"{n}本年累计" for n in names),
                    width=14,
                    help=gettext("Cumulative 1–N月 value in %(unit)s.") % {"unit": indicator.unit or "—"},
                )
            )
            columns.append(prior_column(indicator, names))
            self.indicator_columns[key] = indicator
        return columns

    def prepare(self):
        self.value_indices = [i for i, c in self.mapping.items() if c.key.startswith(("ind:", "prev:"))]
        # The indicator columns the file has, in the catalogue's order.
        self.present_indicators = [
            (key, indicator) for key, indicator in self.indicator_columns.items() if key in self.present_keys
        ]
        self.present_prior = [
            (key, f"prev:{indicator.code}", indicator)
            for key, indicator in self.present_indicators
            if f"prev:{indicator.code}" in self.present_keys
        ]
        visible = Enterprise.objects.visible_to(self.user)
        self.by_code, self.by_name = {}, {}
        for enterprise in loaded_instances(visible, ("id", "uscc", "name", "park_id")):
            self.by_code[enterprise.uscc] = enterprise
            self.by_name.setdefault(enterprise.name, []).append(enterprise)
        self.previous = self.previous_values()
        self.locked_keys = set(
            Submission.objects.filter(
                data_set=self.data_set, year=self.year, month=self.month, status=Submission.Status.APPROVED
            ).values_list("scope_key", flat=True)
        )
        # and by the value, whatever data set approved it (locks.py): the firm's 月度填报
        # cannot rewrite what the bureau's enterprise table had approved
        self.locked_pairs = locked_values(self.year, self.month)

    def check_table(self, table, result):
        super().check_table(table, result)
        if not result.file_error and not any(k.startswith("ind:") for k in self.present_keys):
            result.file_error = gettext("The table has no indicator column (e.g. %(example)s).") % {
                "example": "、".join(i.name for i in list(self.indicator_columns.values())[:3])
            }
        if not result.file_error and not ({"uscc", "name"} & self.present_keys):
            result.file_error = gettext("The table needs a credit code or an enterprise name column.")
        if not result.file_error and "zone" in self.locked_keys:
            result.file_error = gettext(
                "%(set)s for %(period)s is approved and locked; an administrator must reopen it first."
            ) % {"set": self.data_set, "period": self.period()}

    def clean_row(self, values, row):
        enterprise = self.enterprise_of(values, row)
        if enterprise is None:
            return
        values["enterprise"] = enterprise
        key = f"ent:{enterprise.pk}"
        if key in self.locked_keys:
            row.error(
                "uscc" if values.get("uscc") else "name",
                gettext("%(firm)s's data for %(period)s is approved and locked.")
                % {"firm": enterprise.name, "period": self.period()},
            )
        values["scope_key"] = key
        for column_key, indicator in self.present_indicators:
            if values.get(column_key) is not None and (indicator.pk, key) in self.locked_pairs:
                row.error(
                    column_key,
                    gettext("%(firm)s's %(indicator)s for %(period)s is approved and locked.")
                    % {"firm": enterprise.name, "indicator": indicator.name, "period": self.period()},
                )
        self.check_prior(values, row)
        if self.previous:  # nothing to compare with before the first month of data
            for column_key, indicator in self.present_indicators:
                self.check_not_falling(indicator, key, values.get(column_key), row, column_key)

    def check_prior(self, values, row) -> None:
        """A 上年同期 stands beside this year's value: alone it is refused on its cell."""
        for column_key, prior_key, indicator in self.present_prior:
            if values.get(prior_key) is not None and values.get(column_key) is None:
                row.error(
                    prior_key,
                    gettext("The same period last year needs this year's value of %(name)s beside it.")
                    % {"name": indicator.name},
                )

    def enterprise_of(self, values, row):
        code, name = values.get("uscc"), values.get("name")
        if code:
            enterprise = self.by_code.get(code)
            if enterprise is None:
                row.error(
                    "uscc",
                    gettext("No enterprise with credit code %(code)s in the registry.") % {"code": code},
                )
            elif name and name != enterprise.name:
                row.warn(
                    "name",
                    gettext("The registry calls this enterprise “%(name)s”.") % {"name": enterprise.name},
                )
            return enterprise
        if not name:
            row.error("name", gettext("Give the credit code or the exact enterprise name."))
            return None
        matches = self.by_name.get(name, [])
        if not matches:
            row.error(
                "name", gettext("No enterprise is called “%(name)s” in the registry.") % {"name": shown(name)}
            )
            return None
        if len(matches) > 1:
            row.error(
                "name",
                gettext("“%(name)s” matches %(n)d enterprises (%(codes)s); give the credit code.")
                % {"name": shown(name), "n": len(matches), "codes": "、".join(e.uscc for e in matches)},
            )
            return None
        return matches[0]

    def records(self, values, row):
        # ``observation()`` inlined: ten records per row, 100,000 per table.
        enterprise = values["enterprise"]
        scope_key = values["scope_key"]
        scope = Scope.ENTERPRISE.value
        if self.present_prior:
            return self.records_with_prior(values, enterprise, scope_key)
        return [
            {
                "indicator": indicator,
                "scope": scope,
                "enterprise": enterprise,
                "scope_key": scope_key,
                "value": value,
            }
            for column_key, indicator in self.present_indicators
            if (value := values[column_key]) is not None
        ]

    def records_with_prior(self, values, enterprise, scope_key) -> list[dict]:
        """``records`` of a table with 上年同期 columns: each value with its 上年同期 (or None)."""
        prior = {column_key: prior_key for column_key, prior_key, _indicator in self.present_prior}
        return [
            {
                "indicator": indicator,
                "scope": Scope.ENTERPRISE.value,
                "enterprise": enterprise,
                "scope_key": scope_key,
                "value": value,
                "previous_value": values.get(prior.get(column_key)),
            }
            for column_key, indicator in self.present_indicators
            if (value := values[column_key]) is not None
        ]

    @property
    def source(self):
        if self.data_set.scope == Scope.ENTERPRISE:
            return Observation.Source.ENTERPRISE
        return Observation.Source.BUREAU

    def submission_key(self, scope_key: str) -> str:
        return scope_key if self.data_set.scope == Scope.ENTERPRISE else "zone"

    def single_submission(self) -> str | None:
        return None if self.data_set.scope == Scope.ENTERPRISE else "zone"

    def after_save(self, created, updated, rows):
        refresh_aggregates({(self.year, self.month)})


class EnterpriseFilingImport(EnterpriseMonthlyImport):
    """An enterprise user's own values from the filing page, through the same checks,
    audit, submission and aggregates as the bureau's table: one row, the firm's credit
    code and its values. Not on the import page (``register`` is not applied)."""

    kind = "enterprise-filing"
    label = _("Enterprise filing")

    def permission_for(self, action: str) -> str:
        return "indicators.file_submission"

    def new_submission(self, **fields) -> Submission:
        """The firm's first values of a period open its submission; the filing's one audit row
        records both (no separate "submission created" row)."""
        submission = Submission(**fields)
        submission._audit_in_bulk_row = True
        submission.save()
        return submission

    def audit_rows(self, plans, message, ctx, now) -> list[dict]:
        """One entry per filing, worded as one: "填报 2025年1–9月（2项）", source the web page,
        before/after the values it changed."""
        rows = super().audit_rows(plans, message, ctx, now)
        for row in rows:
            count = len(row["postchange_data"] or {})
            row["message"] = gettext("Filed %(period)s (%(n)d values)") % {
                "period": self.period(),
                "n": count,
            }
            row["source"] = "web"
        return rows


def observation_visible(user):
    return Observation.objects.visible_to(user).filter(Q(scope=Scope.ENTERPRISE) | Q(scope=Scope.ZONE))
