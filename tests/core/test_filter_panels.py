"""Filter panels (issue 11 item 6): an empty choice reads 全部 — never "---------" — and a
yes/no filter starts at 全部, never "未知"."""

from django.urls import reverse


def test_empty_choices_read_all(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("indicators:observation_list")).content.decode()
    assert "---------" not in page
    assert '<option value="" selected>全部</option>' in page


def test_a_yes_no_filter_starts_at_all(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("attraction:signingfunding_list")).content.decode()
    assert "未知" not in page
    assert '<option value="unknown" selected>全部</option>' in page
    assert '<option value="true">是</option>' in page and '<option value="false">否</option>' in page
