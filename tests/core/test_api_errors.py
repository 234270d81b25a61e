"""core.api's one mapper: a service's Django errors become the API's 400 and 403 answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import exceptions
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from gaoxin.core.api import ScopedModelViewSet, ServiceErrorsMixin, api_error, validation_detail


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (ValidationError({"reason": "须填写原因。"}), {"reason": ["须填写原因。"]}),
        (
            ValidationError({"__all__": ["已锁定。"], "note": ["须说明。", "过长。"]}),
            {"non_field_errors": ["已锁定。"], "note": ["须说明。", "过长。"]},
        ),
        (ValidationError("已审核锁定。"), {"non_field_errors": ["已审核锁定。"]}),
        (ValidationError(["甲。", "乙。"]), {"non_field_errors": ["甲。", "乙。"]}),
    ],
)
def test_a_validation_error_keeps_its_fields_and_messages(error, detail):
    assert validation_detail(error) == detail
    mapped = api_error(error)
    assert isinstance(mapped, exceptions.ValidationError) and mapped.status_code == 400
    assert mapped.detail == detail


def test_a_permission_denied_is_a_403_that_says_why():
    mapped = api_error(PermissionDenied("只有牵头单位可以修改。"))
    assert isinstance(mapped, exceptions.PermissionDenied) and mapped.status_code == 403
    assert str(mapped.detail) == "只有牵头单位可以修改。"
    assert api_error(PermissionDenied()).detail == exceptions.PermissionDenied.default_detail


def test_other_exceptions_are_left_alone():
    error = KeyError("x")
    assert api_error(error) is error
    already = exceptions.NotFound()
    assert api_error(already) is already


class Refusing(ServiceErrorsMixin, APIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []  # the throttle counts in the database, which this test does not use
    error: Exception | None = None

    def post(self, request):
        raise self.error


@pytest.mark.parametrize(
    ("error", "status", "body"),
    [
        (ValidationError({"to_stage": "已处于该阶段。"}), 400, {"to_stage": ["已处于该阶段。"]}),
        (ValidationError("已锁定。"), 400, {"non_field_errors": ["已锁定。"]}),
        (PermissionDenied("只有提出人可以销号。"), 403, {"detail": "只有提出人可以销号。"}),
    ],
)
def test_a_view_answers_a_service_error_without_catching_it(error, status, body):
    view = Refusing.as_view(error=error)
    response = view(APIRequestFactory().post("/x/"))
    assert (response.status_code, response.data) == (status, body)


def test_every_scoped_viewset_maps_service_errors():
    assert issubclass(ScopedModelViewSet, ServiceErrorsMixin)
