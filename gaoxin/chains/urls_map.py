"""The chain map, nodes and target lists (the registry's pages are in urls_registry)."""

from django.urls import path

from . import views_map as views

urlpatterns = [
    path("", views.ChainListView.as_view(), name="chain_list"),
    path("<int:pk>/", views.ChainDetailView.as_view(), name="chain_detail"),
    path("nodes/<int:pk>/", views.NodeDetailView.as_view(), name="node_detail"),
    path("nodes/<int:pk>/suggest/", views.NodeSuggestView.as_view(), name="node_suggest"),
    path("nodes/<int:pk>/link/", views.NodeLinkView.as_view(), name="node_link"),
    path("links/<int:pk>/confirm/", views.LinkActionView.as_view(confirm=True), name="link_confirm"),
    path("links/<int:pk>/unlink/", views.LinkActionView.as_view(confirm=False), name="link_unlink"),
    path("targets/add/", views.TargetAddView.as_view(), name="target_add"),
    path("leads/start/", views.LeadStartView.as_view(), name="lead_start"),
    path("targets/<int:pk>/remove/", views.TargetActionView.as_view(remove=True), name="target_remove"),
    path("targets/<int:pk>/lead/", views.TargetActionView.as_view(remove=False), name="target_lead"),
    path("target-lists/", views.TargetListListView.as_view(), name="targetlist_list"),
    path("target-lists/add/", views.TargetListEditView.as_view(), name="targetlist_add"),
    path("target-lists/<int:pk>/", views.TargetListDetailView.as_view(), name="targetlist_detail"),
    path("target-lists/<int:pk>/edit/", views.TargetListEditView.as_view(), name="targetlist_edit"),
]
