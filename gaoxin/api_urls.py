"""The REST API: one router for every app's resources (plural kebab-case names)."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from gaoxin.attraction import api_leads, api_signings
from gaoxin.chains import api as chains_api
from gaoxin.core.api import AuditViewSet, ImportViewSet, MeView
from gaoxin.core.api_search import SearchView
from gaoxin.core.views_todo import TodoApiView
from gaoxin.cultivation import api as cultivation_api
from gaoxin.enterprises.api import (
    AnnualFactsViewSet,
    EnterpriseViewSet,
    EquityFinancingViewSet,
    IPAssetViewSet,
    QualificationViewSet,
)
from gaoxin.goals.api import GoalViewSet
from gaoxin.govservices import api as govservices_api
from gaoxin.indicators.api import (
    IndicatorViewSet,
    ObservationViewSet,
    SubmissionViewSet,
    TargetViewSet,
    ZoneFigureViewSet,
)
from gaoxin.land import api as land_api
from gaoxin.payouts import api as payouts_api
from gaoxin.points import api as points_api
from gaoxin.policies import api as policies_api
from gaoxin.portal import api as portal_api
from gaoxin.projects.api import (
    InvestmentViewSet,
    MilestoneViewSet,
    ProblemViewSet,
    ProjectLightViewSet,
    ProjectViewSet,
)
from gaoxin.reference.api import IndustryViewSet
from gaoxin.talent import api as talent_api
from gaoxin.visits import api as visits_api
from gaoxin.zone.api import CalendarOverrideViewSet, ParkViewSet

router = DefaultRouter()
router.register("parks", ParkViewSet)
router.register("calendar-exceptions", CalendarOverrideViewSet)
router.register("enterprises", EnterpriseViewSet)
router.register("qualifications", QualificationViewSet)
router.register("annual-facts", AnnualFactsViewSet)
router.register("ip-assets", IPAssetViewSet)
router.register("equity-financings", EquityFinancingViewSet)
router.register("industries", IndustryViewSet)
router.register("audit", AuditViewSet)
router.register("indicators", IndicatorViewSet)
router.register("observations", ObservationViewSet)
router.register("targets", TargetViewSet)
router.register("submissions", SubmissionViewSet)
router.register("zone-figures", ZoneFigureViewSet, basename="zone-figure")
router.register("goals", GoalViewSet)
router.register("projects", ProjectViewSet)
router.register("project-investments", InvestmentViewSet)
router.register("milestones", MilestoneViewSet)
router.register("problems", ProblemViewSet)
router.register("project-lights", ProjectLightViewSet, basename="project-light")
router.register("imports", ImportViewSet, basename="import")
router.register("policies", policies_api.PolicyViewSet)
router.register("policy-clauses", policies_api.ClauseViewSet)
router.register("disbursements", policies_api.DisbursementViewSet)
for app_api in (
    chains_api,
    api_leads,
    api_signings,
    land_api,
    payouts_api,
    points_api,
    cultivation_api,
    talent_api,
    portal_api,
    govservices_api,
    visits_api,
):
    app_api.register(router)

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("search/", SearchView.as_view(), name="api-search"),
    path("todo/", TodoApiView.as_view(), name="api-todo"),
    path("eligibility/", cultivation_api.EligibilityView.as_view(), name="api-eligibility"),
    path("candidates/", cultivation_api.CandidatesView.as_view(), name="api-candidates"),
    path("policy-matches/", policies_api.PolicyMatchView.as_view(), name="api-policy-matches"),
    path("policy-check/", policies_api.PolicyCheckView.as_view(), name="api-policy-check"),
    path("policy-effect/", policies_api.PolicyEffectView.as_view(), name="api-policy-effect"),
    # the schema names every route and field: for signed-in users only (session or token)
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api-schema"),
    # the split view serves Swagger UI's start script from ?script= (the CSP allows no inline one)
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("", include(router.urls)),
]
