"""产业链图谱: industries → chains → nodes (upstream / midstream / downstream), each node with
keywords, excluded keywords and GB/T 4754 classes; the local enterprises linked to a node
(by hand or suggested by the classifier and confirmed); an outside company registry
(millions of rows) classified onto nodes; target lists drawn from it.

Coverage of a node (强 / 弱 / 缺 / 无目标) is computed, not stored: ``services.coverage``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet
from gaoxin.enterprises.models import MoneyField
from gaoxin.reference.names import industries_for_codes, region_names


class Chain(ChangeLoggedModel):
    """An industry chain (锂电, 专用汽车 …) of a lead industry. ``version`` goes up whenever a
    node's keywords change, so classifications know which automaton they came from."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry",
        verbose_name=_("lead industry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chains",
    )
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(_("keyword version"), default=1, editable=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:chain_detail", args=[self.pk])


class ChainNode(ChangeLoggedModel):
    """A link of a chain (电解液, 铜箔, 电芯 …). Keywords and excluded keywords are separated by
    commas, 、 or new lines; ``industry_codes`` lists GB/T 4754 classes (4 digits)."""

    class Segment(models.TextChoices):
        UPSTREAM = "upstream", _("Upstream")
        MIDSTREAM = "midstream", _("Midstream")
        DOWNSTREAM = "downstream", _("Downstream")

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent node"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=40)
    segment = models.CharField(
        _("segment"), max_length=10, choices=Segment.choices, default=Segment.MIDSTREAM
    )
    keywords = models.TextField(_("keywords"), blank=True)
    excluded_keywords = models.TextField(_("excluded keywords"), blank=True)
    industry_codes = models.CharField(_("GB/T 4754 classes"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "chain"

    class Meta:
        ordering = ["chain_id", "sort_order", "code"]
        verbose_name = _("chain node")
        verbose_name_plural = _("chain nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "code"],
                name="chainnode_unique_code",
                violation_error_message=_("The chain already has a node with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:node_detail", args=[self.pk])

    def industries(self) -> list:
        """The GB/T 4754 classes of ``industry_codes`` (for their names)."""
        return industries_for_codes(self.industry_codes)


class NodeEnterprise(ChangeLoggedModel):
    """A local enterprise (registry) working on a node: linked by hand, or suggested by the
    classifier and then confirmed (only confirmed links count for coverage)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Linked by hand")
        CLASSIFIER = "classifier", _("Suggested by the classifier")

    node = models.ForeignKey(
        ChainNode, verbose_name=_("node"), on_delete=models.CASCADE, related_name="local_links"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="chain_links",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    score = models.PositiveIntegerField(_("score"), default=0)
    matched_words = models.CharField(_("matched words"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "node"

    class Meta:
        ordering = ["node_id", "-confirmed", "-score", "enterprise_id"]
        verbose_name = _("local enterprise of a node")
        verbose_name_plural = _("local enterprises of nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "enterprise"],
                name="nodeenterprise_unique",
                violation_error_message=_("This enterprise is already linked to the node."),
            )
        ]
        indexes = [models.Index(fields=["node", "confirmed"], name="nodeenterprise_coverage")]

    def __str__(self) -> str:
        return f"{self.node_id} · {self.enterprise_id}"


# --- the outside company registry -------------------------------------------------------------


class ImportBatch(models.Model):
    """One registry file imported (streamed): counts and when, for the registry's page."""

    file_name = models.CharField(_("file"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("companies added"), default=0)
    updated = models.PositiveIntegerField(_("companies updated"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    chain_versions = models.JSONField(_("chain versions classified with"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")

    def __str__(self) -> str:
        return self.file_name


class RegistryCompany(models.Model):
    """A company of an outside registry (工商登记 extract, a data vendor's list …): the pool
    targets are drawn from. Not ``ChangeLoggedModel``: millions of rows arrive by file and
    each import is recorded as a batch (who, when, counts), not one audit row per company."""

    audited_in_bulk = True  # a re-import's changed companies are audit rows (chains.registry)

    uscc = models.CharField(_("credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=150, db_index=True)
    region_code = models.CharField(_("region"), max_length=6, blank=True, db_index=True)
    registered_capital = MoneyField(_("registered capital (万元)"))
    established = models.DateField(_("established"), null=True, blank=True)
    scope = models.TextField(_("business scope"), blank=True)
    products = models.TextField(_("main products"), blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("registry company")
        verbose_name_plural = _("registry companies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:company_detail", args=[self.pk])

    def region_name(self) -> str:
        """The region's name (``上海市浦东新区``) for its code; the code when unknown."""
        return region_names([self.region_code]).get(self.region_code, self.region_code)


class CompanyMatch(models.Model):
    """A registry company classified onto a node: the score (how many keyword hits, weighted)
    and the words that matched, kept as the explanation."""

    company = models.ForeignKey(RegistryCompany, on_delete=models.CASCADE, related_name="matches")
    node = models.ForeignKey(ChainNode, on_delete=models.CASCADE, related_name="matches")
    score = models.PositiveIntegerField(_("score"))
    words = models.CharField(_("matched words"), max_length=300)
    chain_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["node_id", "-score", "company_id"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [models.UniqueConstraint(fields=["company", "node"], name="companymatch_unique")]
        indexes = [models.Index(fields=["node", "score"], name="companymatch_node_score")]

    def __str__(self) -> str:
        return f"{self.company_id} → {self.node_id} ({self.score})"


class TargetList(ChangeLoggedModel):
    """A list of target companies (招商目标清单) a department works through."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("target list")
        verbose_name_plural = _("target lists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:targetlist_detail", args=[self.pk])


class Target(ChangeLoggedModel):
    """A company on a target list, for a node."""

    target_list = models.ForeignKey(
        TargetList, verbose_name=_("target list"), on_delete=models.CASCADE, related_name="targets"
    )
    company = models.ForeignKey(
        RegistryCompany, verbose_name=_("company"), on_delete=models.CASCADE, related_name="targets"
    )
    node = models.ForeignKey(
        ChainNode,
        verbose_name=_("node"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ScopedQuerySet.as_manager()
    audit_parent = "target_list"

    class Meta:
        ordering = ["target_list_id", "-created_at"]
        verbose_name = _("target company")
        verbose_name_plural = _("target companies")
        constraints = [
            models.UniqueConstraint(
                fields=["target_list", "company"],
                name="target_unique_company",
                violation_error_message=_("The company is already on this list."),
            )
        ]
        indexes = [models.Index(fields=["node"], name="target_node")]

    def __str__(self) -> str:
        return f"{self.target_list_id} · {self.company_id}"
