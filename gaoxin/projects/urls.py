"""URLs of the key-project pages: the ledger and its tabs (urls_ledger), the problem list
(urls_problems) and the oversight pages — leaders, departments, lights, the pack (urls_oversight)."""

from .urls_ledger import urlpatterns as ledger
from .urls_oversight import urlpatterns as oversight
from .urls_problems import urlpatterns as problems

app_name = "projects"
urlpatterns = ledger + problems + oversight
