"""The served OpenAPI document as schemathesis reads it, and the project as a WSGI application
in this process: what the fuzzing run (tests/test_fuzz_api.py) and the schema's regression
tests (tests/core/test_openapi.py) share."""

import copy
import functools
import json

import schemathesis
from django.test.client import ClientHandler
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from werkzeug.test import Client


class DjangoApp:
    """The project as a WSGI application answered by Django's test handler: the request runs
    on this thread's connection (inside the test's transaction) and, unlike the production
    handler, does not close that connection when the request ends."""

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=False)

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", cookie.output(header="").strip()) for cookie in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        if response.streaming:
            return response.streaming_content
        return [response.content]


def openapi_document() -> dict:
    """The document /api/schema/ serves (the same generator, public, as JSON); generated once
    per process (a few seconds), a fresh copy each call."""
    return copy.deepcopy(_generated_document())


@functools.cache
def _generated_document() -> dict:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


def load_schema(config=None):
    schema = schemathesis.openapi.from_dict(openapi_document(), config=config)
    schema.app = DjangoApp()
    return schema


def call(user, method: str, path: str, **kwargs):
    """One request as ``user`` (an API token), answered in this process (a werkzeug response)."""
    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=user)
    headers = {"Authorization": f"Token {token.key}", **kwargs.pop("headers", {})}
    return Client(DjangoApp()).open(path, method=method, headers=headers, **kwargs)
