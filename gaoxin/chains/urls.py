"""URLs of the chains pages, split by area so several people can work on them."""

from .urls_a import urlpatterns as part_a
from .urls_b import urlpatterns as part_b

app_name = "chains"
urlpatterns = part_a + part_b
