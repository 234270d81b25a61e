"""Who is acting, under which request id: carried through a ContextVar so the audit log
can stamp every change without passing the request around.

The web middleware opens a context per request; the CLI, the demo loader and background
tasks open one with ``change_context(...)``. The user is resolved lazily from the request
because DRF authenticates tokens inside the view, after the middleware ran.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ChangeContext:
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    source: str = "system"
    message: str = ""
    request: Any = None
    _user: Any = None

    @property
    def user(self):
        if self._user is not None:
            return self._user
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


_current: ContextVar[ChangeContext | None] = ContextVar("gaoxin_change_context", default=None)


def current() -> ChangeContext:
    """The active context; outside any (a shell, a script) a fresh one per change, so
    unrelated changes never share a request id."""
    ctx = _current.get()
    return ctx if ctx is not None else ChangeContext()


@contextmanager
def change_context(
    *,
    user=None,
    request=None,
    request_id: uuid.UUID | None = None,
    source: str = "system",
    message: str = "",
) -> Iterator[ChangeContext]:
    ctx = ChangeContext(
        request_id=request_id or uuid.uuid4(), source=source, message=message, request=request, _user=user
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


@contextmanager
def change_message(message: str) -> Iterator[None]:
    """Attach a human message (变更说明) to the changes made inside the block."""
    ctx = _current.get()
    if ctx is None:
        with change_context(message=message):
            yield
        return
    previous, ctx.message = ctx.message, message
    try:
        yield
    finally:
        ctx.message = previous


@contextmanager
def acting_as(user, source: str = "system") -> Iterator[ChangeContext]:
    """Stamp changes with ``user`` when no request already names one (services called
    from a command, a task or a test)."""
    ctx = _current.get()
    if ctx is not None and ctx.user is not None:
        yield ctx
        return
    with change_context(user=user, source=source, request_id=ctx.request_id if ctx else None) as new:
        yield new
