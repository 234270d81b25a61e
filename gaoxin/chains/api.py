"""REST API of the chain map (filled in by the chains work)."""


def register(router) -> None:
    """Add this app's resources to the project router."""
