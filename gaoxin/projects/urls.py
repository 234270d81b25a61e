"""URLs of the key-project pages: the ledger (urls_ledger) and the daily work around it —
problems, leaders' and departments' pages, the scheduling pack (urls_work)."""

from .urls_ledger import urlpatterns as ledger
from .urls_work import urlpatterns as work

app_name = "projects"
urlpatterns = ledger + work
