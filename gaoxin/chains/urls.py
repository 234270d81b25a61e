"""URLs of the chains pages: the map, nodes and target lists (urls_map) and the outside
company registry (urls_registry)."""

from .urls_map import urlpatterns as chain_map
from .urls_registry import urlpatterns as registry

app_name = "chains"
urlpatterns = chain_map + registry
