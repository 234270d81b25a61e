"""URLs of the attraction pages, split by area so several people can work on them."""

from .urls_a import urlpatterns as part_a
from .urls_b import urlpatterns as part_b
from .views_files import urlpatterns as files

app_name = "attraction"
urlpatterns = part_a + part_b + files
