"""URLs of the attraction pages: leads and activities (urls_leads), signings, screening and
commitments (urls_signings), stored files (urls_files)."""

from .urls_files import urlpatterns as files
from .urls_leads import urlpatterns as leads
from .urls_signings import urlpatterns as signings

app_name = "attraction"
urlpatterns = leads + signings + files
