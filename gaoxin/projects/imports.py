"""Import kinds of the key-project ledger: ``projects`` (the ledger, keyed by project code)
and ``project_investments`` (completed investment, one row per project and month, checked
with ``services.investment_check``). The engine does the rest: all or nothing."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.audit import json_value
from gaoxin.core.imports import CellError, Column, ImportSpec, lookup_parser, register
from gaoxin.core.imports.columns import clean_text, normalize_header, shown
from gaoxin.enterprises.imports import stored_records
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import Department, Leader, LeadIndustry, Park

from . import services
from .models import Investment, Project, ProjectList, Stage, planned_dates_error

SEPARATORS = ("、", "，", ";", "；")


def names_table(objects, *attributes) -> dict:
    """Objects by each of their names, normalised like headers (blanks and brackets ignored)."""
    table = {}
    for obj in objects:
        for attribute in attributes:
            value = getattr(obj, attribute, "")
            if value:
                table[normalize_header(value)] = obj
    return table


@register
class ProjectImport(ImportSpec):
    kind = "projects"
    label = _("Key projects")
    sheet_name = _("Key projects")
    description = _(
        "The key-project ledger, one row per project, matched on the project code. The owner is a "
        "registered enterprise (credit code or exact name) or, until it registers, its name."
    )
    model = Project
    key = ("code",)

    def get_columns(self):
        return [
            *self.identity_columns(),
            *self.scope_columns(),
            *self.timing_columns(),
            *self.oversight_columns(),
        ]

    def identity_columns(self) -> list[Column]:
        """The project's code (the key), name, park, industry and owner."""
        return [
            Column(
                "code",
                _("Project code"),
                required=True,
                aliases=("项目编号", "项目代码", "编号"),
                text_format=True,
                example="XM-2025-001",
            ),
            Column("name", _("Project name"), required=True, aliases=("项目名称",), width=30),
            Column(
                "park",
                _("Park"),
                aliases=("所属园区", "园区"),
                parse=self._lookup("parks"),
                choices_hint=lambda: [p.name for p in Park.objects.all()],
            ),
            Column(
                "lead_industry",
                _("Lead industry"),
                aliases=("主导产业", "所属产业"),
                parse=self._lookup("lead_industries"),
                choices_hint=lambda: [li.name for li in LeadIndustry.objects.all()],
            ),
            Column(
                "owner",
                _("Owner enterprise"),
                aliases=("业主单位", "项目业主", "建设单位", "业主企业"),
                export=lambda p: p.enterprise.uscc if p.enterprise_id else p.owner_name,
                width=26,
                help=_(
                    "The credit code or the exact registered name; any other text is kept as the "
                    "name of a firm not registered yet."
                ),
            ),
        ]

    def scope_columns(self) -> list[Column]:
        """What is built: nature, stage, lists, investment and land."""
        return [
            Column("nature", _("Construction nature"), aliases=("建设性质",)),
            Column("stage", _("Stage"), aliases=("项目阶段", "阶段", "推进阶段")),
            Column(
                "lists",
                _("Lists"),
                aliases=("所属清单", "清单", "项目类别"),
                parse=self._lists,
                export=lambda p: "、".join(item.code for item in p.lists.all()),
                choices_hint=lambda: [f"{item.code} {item.name}" for item in ProjectList.objects.all()],
                help=_("Codes or names of the lists, separated by 、 or commas."),
            ),
            Column(
                "total_investment",
                _("Total investment (10k yuan)"),
                required=True,
                aliases=("总投资", "总投资（万元）", "计划总投资"),
                example="12000",
            ),
            Column("land_area_mu", _("Land (mu)"), aliases=("用地面积", "用地面积（亩）", "占地（亩）")),
        ]

    def timing_columns(self) -> list[Column]:
        """The planned dates and the day it entered the investment statistics."""
        return [
            Column("planned_start", _("Planned start"), aliases=("计划开工日期", "计划开工时间", "计划开工")),
            Column(
                "planned_completion",
                _("Planned completion"),
                aliases=("计划竣工日期", "计划竣工时间", "计划竣工"),
            ),
            Column("statistics_date", _("In investment statistics since"), aliases=("纳统日期", "纳统时间")),
        ]

    def oversight_columns(self) -> list[Column]:
        """Who answers for it (包保, 牵头), how often it is scheduled, what it builds."""
        return [
            Column(
                "leader",
                _("Responsible leader (包保)"),
                aliases=("包保领导", "责任领导"),
                parse=self._leader,
                export=lambda p: p.leader.name if p.leader_id else "",
                choices_hint=lambda: [leader.name for leader in Leader.objects.all()],
            ),
            Column(
                "lead_department",
                _("Lead department"),
                aliases=("牵头单位", "牵头部门", "责任单位"),
                parse=self._lookup("departments"),
                export=lambda p: p.lead_department.name if p.lead_department_id else "",
                choices_hint=lambda: [d.name for d in Department.objects.all()],
            ),
            Column("frequency", _("Scheduling frequency"), aliases=("调度频次", "调度频率")),
            Column("description", _("Description"), aliases=("建设内容", "项目简介", "说明"), width=40),
        ]

    # -- lookups -----------------------------------------------------------------------
    def _lookup(self, name):
        # Columns are bound before prepare() loads the tables: resolve the parser late.
        return lambda value: self.parsers[name](value)

    def prepare(self):
        self.parsers = {
            "parks": lookup_parser(
                names_table(Park.objects.all(), "name", "code"),
                gettext("Park"),
                lambda: [p.name for p in Park.objects.all()],
            ),
            "lead_industries": lookup_parser(
                names_table(LeadIndustry.objects.all(), "name", "code"),
                gettext("Lead industry"),
                lambda: [li.name for li in LeadIndustry.objects.all()],
            ),
            "departments": lookup_parser(
                names_table(Department.objects.all(), "name", "short_name"),
                gettext("Department"),
                lambda: [d.name for d in Department.objects.all()],
            ),
        }
        self.leaders: dict[str, list] = {}
        for leader in Leader.objects.all():
            self.leaders.setdefault(normalize_header(leader.name), []).append(leader)
        self.project_lists = names_table(ProjectList.objects.all(), "code", "name")
        visible = Enterprise.objects.visible_to(self.user).only("id", "uscc", "name")
        self.by_uscc = {e.uscc: e for e in visible}
        self.by_name: dict[str, list] = {}
        for enterprise in self.by_uscc.values():
            self.by_name.setdefault(enterprise.name, []).append(enterprise)
        self.stored: dict = {}

    def _leader(self, value):
        text = clean_text(value)
        if text == "":
            return None
        found = self.leaders.get(normalize_header(text), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CellError(gettext("Several leaders are called “%(value)s”.") % {"value": shown(text)})
        allowed = "、".join(leader.name for group in self.leaders.values() for leader in group)
        raise CellError(
            gettext("%(what)s “%(value)s” does not exist; allowed: %(allowed)s.")
            % {"what": gettext("Leader"), "value": shown(text), "allowed": allowed}
        )

    def _lists(self, value):
        text = clean_text(value)
        if text == "":
            return None
        for separator in SEPARATORS:
            text = text.replace(separator, ",")
        found = []
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            item = self.project_lists.get(normalize_header(part))
            if item is None:
                allowed = "、".join(sorted({i.code for i in self.project_lists.values()}))
                raise CellError(
                    gettext("%(what)s “%(value)s” does not exist; allowed: %(allowed)s.")
                    % {"what": gettext("List"), "value": shown(part), "allowed": allowed}
                )
            found.append(item)
        return sorted(set(found), key=lambda item: item.code)

    # -- rows ----------------------------------------------------------------------------
    def clean_row(self, values, row):
        """The owner column names a registered firm (credit code or exact name) or not."""
        text = values.pop("owner", "")
        if not text:
            return
        code = text.upper().replace(" ", "")
        enterprise = self.by_uscc.get(code)
        if enterprise is None:
            named = self.by_name.get(text, [])
            if len(named) > 1:
                row.error(
                    "owner",
                    gettext("Several registered enterprises are called “%(name)s”: give the credit code.")
                    % {"name": shown(text)},
                )
                return
            enterprise = named[0] if named else None
        if enterprise is not None:
            values["enterprise"] = enterprise
        elif len(text) > 100:
            row.error(
                "owner",
                gettext("At most %(n)d characters, found %(found)d.") % {"n": 100, "found": len(text)},
            )
        else:
            values["owner_name"] = text

    def clean_merged(self, values, row):
        dates = planned_dates_error(values.get("planned_start"), values.get("planned_completion"))
        if dates:
            row.error("planned_completion", dates)
        stored = self.stored.get((values.get("code"),))
        if stored is None:
            draft = Project(lead_department=values.get("lead_department"))
            if not services.project_may_edit(self.user, draft):
                row.error("lead_department", gettext("You may only add projects your department leads."))
        elif self.changes(stored, values) and not services.project_may_edit(self.user, stored):
            row.error(
                "code",
                gettext("Only the lead department (%(department)s) may change this project.")
                % {"department": stored.lead_department or gettext("none set")},
            )
        else:
            if "stage" in values and values["stage"] != stored.stage:
                row.error(
                    "stage",
                    gettext(
                        "The stage changes on the project's page (with its date and reason), not by import: "
                        "the file says %(new)s, the project is %(old)s."
                    )
                    % {"new": Stage(values["stage"]).label, "old": stored.get_stage_display()},
                )
            department = values.get("lead_department")
            if (
                department is not None
                and department.pk != stored.lead_department_id
                and not services.may_lead(self.user, department)
            ):
                row.error(
                    "lead_department",
                    gettext("You may hand a project only to a department you belong to."),
                )

    def changes(self, stored, merged) -> bool:
        """Whether the row would change the stored project (merged: stored values under the
        row's non-blank cells)."""
        for field in Project._meta.concrete_fields:
            if field.name not in merged:
                continue
            new = merged[field.name]
            new = new.pk if field.is_relation and new is not None else new
            current = getattr(stored, field.attname)
            if json_value(field, current) != json_value(field, new):
                return True
        return bool(self.extra_changes(stored, merged))

    def existing(self, keys):
        codes = sorted({k[0] for k in keys})
        base = self.locked(
            Project.objects.visible_to(self.user).select_related(
                "park", "lead_industry", "enterprise", "leader", "lead_department", "template", "baseline_by"
            )
        )
        self.stored = stored_records(
            base.prefetch_related("lists", "team"), "code", codes, lambda p: (p.code,)
        )
        return self.stored

    def new_instance(self, values):
        instance = super().new_instance(values)
        if instance.stage_since is None:
            instance.stage_since = timezone.localdate()
        instance._audit_m2m_values = {"lists": sorted(str(i) for i in values.get("lists") or []), "team": []}
        return instance

    def extra_changes(self, instance, values):
        wanted = values.get("lists")
        if wanted is None:
            return []
        current = sorted(item.pk for item in instance.lists.all())
        return ["lists"] if current != sorted(item.pk for item in wanted) else []

    def after_save(self, created, updated, rows):
        """Lists are many-to-many: written here and handed to the audit rows; lights follow."""
        by_code = {plan.values["code"]: plan.values.get("lists") for plan in rows.values()}
        through = Project.lists.through
        links, replaced = [], []
        updated_pks = {instance.pk for instance in updated}
        for instance in [*created, *updated]:
            wanted = by_code.get(instance.code)
            if wanted is None:
                continue  # blank cell: the stored lists stay
            stored = instance.pk in updated_pks
            if stored:
                replaced.append(instance.pk)
            instance._audit_m2m_values = {
                "lists": sorted(str(item) for item in wanted),
                "team": sorted(str(user) for user in instance.team.all()) if stored else [],
            }
            links.extend(through(project_id=instance.pk, projectlist_id=item.pk) for item in wanted)
        through.objects.filter(project_id__in=replaced).delete()
        through.objects.bulk_create(links, batch_size=2000)
        services.recompute_lights(project_ids=[p.pk for p in [*created, *updated]])

    def export_queryset(self):
        return (
            Project.objects.visible_to(self.user)
            .select_related("park", "lead_industry", "enterprise", "leader", "lead_department")
            .prefetch_related("lists")
        )


@register
class ProjectInvestmentImport(ImportSpec):
    kind = "project_investments"
    label = _("Completed project investment")
    sheet_name = _("Completed investment")
    description = _(
        "Completed investment, cumulative for months 1–N of a year, one row per project and month; "
        "the cumulative value cannot fall, cannot exceed the total investment without a note, and "
        "approved months are locked."
    )
    model = Investment
    key = ("project", "year", "month")

    def get_columns(self):
        return [
            Column(
                "project",
                _("Project"),
                required=True,
                aliases=("项目编号", "项目", "项目名称", "项目编号或名称"),
                parse=self._project,
                export=lambda i: i.project.code,
                text_format=True,
                help=_("The project code, or its exact name."),
            ),
            Column("year", _("Year"), required=True, aliases=("年度", "年份"), example="2025", width=8),
            Column("month", _("Month"), required=True, aliases=("月份", "截至月份"), example="9", width=8),
            Column(
                "cumulative",
                _("Completed 1–N (10k yuan)"),
                required=True,
                aliases=("累计完成投资", "累计完成投资（万元）", "1-N月累计完成投资", "累计完成"),
                example="3500",
            ),
            Column("note", _("Note"), aliases=("备注", "说明"), width=30),
        ]

    def prepare(self):
        visible = Project.objects.visible_to(self.user).select_related("lead_department")
        self.by_code, self.by_name = {}, {}
        for project in visible:
            self.by_code[project.code] = project
            self.by_name.setdefault(project.name, []).append(project)
        self.seen: dict[tuple, list[tuple[int, object]]] = {}

    def _project(self, value):
        text = clean_text(value)
        if text == "":
            return None
        project = self.by_code.get(text)
        if project is not None:
            return project
        named = self.by_name.get(text, [])
        if len(named) == 1:
            return named[0]
        if named:
            raise CellError(
                gettext("Several projects are called “%(name)s”: give the project code.")
                % {"name": shown(text)}
            )
        raise CellError(gettext("No project with code or name “%(value)s”.") % {"value": shown(text)})

    def may_report(self, project) -> bool:
        """The rule of services.investment_record: the lead department, or the owner firm."""
        return services.project_may_edit(self.user, project) or services.owner_may_report(self.user, project)

    def clean_merged(self, values, row):
        project, year, month = values["project"], values["year"], values["month"]
        if not self.may_report(project):
            row.error(
                "project",
                gettext(
                    "Only the lead department or the owner enterprise may report this project's investment."
                ),
            )
            return
        cumulative, note = values.get("cumulative"), values.get("note") or ""
        try:
            services.investment_check(
                project=project,
                year=year,
                month=month,
                cumulative=cumulative,
                note=note,
                exclude_pk=values.get("id"),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, messages in exc.message_dict.items():
                    row.error(key if key in ("cumulative", "note") else "month", messages[0])
            else:
                row.error("month", exc.messages[0])
            return
        self.check_file_order(project, year, month, cumulative, row)

    def check_file_order(self, project, year, month, cumulative, row):
        """Rows of the same project and year in one file cannot fall either."""
        rows = self.seen.setdefault((project.pk, year), [])
        for other_month, other_value in rows:
            if (other_month < month and cumulative < other_value) or (
                other_month > month and cumulative > other_value
            ):
                row.error(
                    "cumulative",
                    gettext(
                        "Cumulative investment cannot fall: months 1–%(m)d were %(before)s 万元, this is %(now)s 万元."
                    )
                    % {
                        "m": min(other_month, month),
                        "before": services.wan(max(other_value, cumulative)),
                        "now": services.wan(min(other_value, cumulative)),
                    },
                )
                return
        rows.append((month, cumulative))

    def existing(self, keys):
        project_ids = sorted({k[0].pk for k in keys})
        base = self.locked(Investment.objects.filter(project__in=Project.objects.visible_to(self.user)))
        return stored_records(
            base.select_related("project"), "project_id", project_ids, lambda i: (i.project, i.year, i.month)
        )

    def before_save(self, created, updated):
        """Who entered the value and the month's submission, as investment_record sets them."""
        submissions = {}
        for instance in [*created, *(plan.instance for plan in updated)]:
            period = (instance.year, instance.month)
            if period not in submissions:
                submissions[period] = services.investment_submission(*period)
            instance.entered_by = self.user
            instance.submission = submissions[period]
        for plan in updated:
            plan.changed_fields.extend(["entered_by", "submission"])

    def after_save(self, created, updated, rows):
        services.recompute_lights(project_ids=sorted({i.project_id for i in [*created, *updated]}))

    def export_queryset(self):
        return (
            Investment.objects.filter(project__in=Project.objects.visible_to(self.user))
            .select_related("project")
            .order_by("project__code", "year", "month")
        )
