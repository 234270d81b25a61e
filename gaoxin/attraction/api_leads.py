"""REST API of leads and activities (filled in by the pipeline work)."""


def register(router) -> None:
    """Add these resources to the project router."""
