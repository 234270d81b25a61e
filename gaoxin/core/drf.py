"""DRF settings classes, kept apart from core.api so that DRF can import them while its
own views module is still loading (core.api imports rest_framework.views)."""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions
from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django model permissions, with ``view`` required for reading.

    On detail routes the check waits for the object: the scoped lookup runs first, so an
    object outside the user's scope is a 404 whatever the method, never a 403.
    """

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": [],
    }

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        if lookup in getattr(view, "kwargs", {}):
            return True
        return super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        return super().has_permission(request, view)


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …`` that ends ``settings.API_TOKEN_DAYS`` after it was made; an
    administrator revokes one by deleting it (admin) or replacing it (``drf_create_token -r``)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - datetime.timedelta(days=settings.API_TOKEN_DAYS):
            raise exceptions.AuthenticationFailed(
                _("The token expired on %(day)s; ask an administrator for a new one.")
                % {
                    "day": timezone.localdate(
                        token.created + datetime.timedelta(days=settings.API_TOKEN_DAYS)
                    )
                }
            )
        return user, token


class SharedCounts:
    """A throttle counting in the "shared" cache (a database table): the same count in every
    gunicorn worker, where the default local-memory cache would give each its own."""

    @property
    def cache(self):
        return caches["shared"]


class AnonThrottle(SharedCounts, AnonRateThrottle):
    pass


class UserThrottle(SharedCounts, UserRateThrottle):
    pass
