"""The sidebar marks where the user is: one entry, the most specific one."""

import re

from django.urls import reverse


def active_entries(html: str) -> list[str]:
    return re.findall(r'class="nav-link active" href="([^"]+)"', html)


def test_only_the_most_specific_menu_entry_is_active(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("indicators:observation_list")).content.decode()
    assert active_entries(page) == [reverse("indicators:observation_list")]
    page = client.get(reverse("indicators:indicator_list")).content.decode()
    assert active_entries(page) == [reverse("indicators:indicator_list")]
