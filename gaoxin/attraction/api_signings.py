"""REST API of signings and screening standards (filled in by the signings work)."""


def register(router) -> None:
    """Add these resources to the project router."""
