"""The fast paths of a list page give the HTML the templates give: the ``<select>`` of the
form renderer (core/renderers.py) and the table rows (``table_rows`` in
core/templatetags/gaoxin.py), character for character, escaping and localisation included."""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gaoxin.core import renderers
from gaoxin.core.renderers import Renderer

python_select = renderers.render_select


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "全部"), ("a<b", 'say "hi" & <go>'), (3, 3)], required=False)
    grouped = forms.ChoiceField(
        choices=[("", "—"), (_("Parks"), [("east", "城东"), ("north", "城北")]), ("x", mark_safe("<b>x</b>"))]
    )
    many = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二"), (3, "三")], required=False)
    flagged = forms.ChoiceField(
        choices=[("1", "一")],
        widget=forms.Select(attrs={"disabled": True, "data-x": False, "class": "form-select"}),
    )


def rendered(renderer, form) -> list[str]:
    form.renderer = renderer
    return [str(form[name]) for name in form.fields]


def test_the_python_select_is_the_template_select_character_for_character(monkeypatch):
    calls = []
    monkeypatch.setattr(renderers, "render_select", lambda widget: calls.append(1) or python_select(widget))
    for data in ({}, {"plain": "a<b", "grouped": "north", "many": ["1", "3"], "flagged": "1"}):
        ours = rendered(Renderer(), Everything(data=data or None))
        templates = rendered(TemplatesSetting(), Everything(data=data or None))
        assert ours == templates
    assert 'value="a&lt;b"' in ours[0] and "say &quot;hi&quot; &amp; &lt;go&gt;" in ours[0]
    assert "<b>x</b>" in ours[1] and ('label="Parks"' in ours[1] or 'label="园区"' in ours[1])
    assert ours[2].count(" selected") == 2 and " multiple" in ours[2]
    assert " disabled" in ours[3] and "data-x" not in ours[3]
    assert len(calls) == 8  # four selects, twice: the Python path ran


class Person:
    def __init__(self, name, born, amount, note=None):
        self.name, self.born, self.amount, self.note = name, born, amount, note


class PeopleTable(tables.Table):
    name = tables.Column(verbose_name=mark_safe("<i>姓名</i>"), attrs={"td": {"class": "fw-bold"}})
    born = tables.Column(verbose_name="出生")
    amount = tables.Column(attrs={"td": {"data-sign": lambda record: "neg" if record.amount < 0 else "pos"}})
    note = tables.Column(default="—")

    def render_name(self, value, record):
        return f"{value}<{record.born.year}>"


OLD_LOOP = Template(
    "{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>"
    '{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }} data-label="{{ column.header|striptags }}">'
    "{{ cell }}</td>{% endfor %}</tr>{% endfor %}"
)
NEW_TAG = Template("{% load gaoxin %}{% table_rows table %}")


def squeeze(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


def test_table_rows_are_what_the_template_loop_gives(rf):
    table = PeopleTable(
        [
            Person("张三 & <李四>", datetime.date(2024, 2, 29), Decimal("-1.50")),
            Person("王五", datetime.date(1990, 12, 31), Decimal("20"), note="备注"),
        ]
    )
    table.paginate(per_page=25)
    context = Context({"table": table, "request": rf.get("/")})
    old, new = OLD_LOOP.render(context), NEW_TAG.render(context)
    assert squeeze(new) == squeeze(old)
    assert (
        "张三 &amp; &lt;李四&gt;&lt;2024&gt;" in new and 'data-sign="neg"' in new and 'data-sign="pos"' in new
    )
    assert "2024年2月29日" in new and "—" in new and 'data-label="姓名"' in new


def test_an_empty_table_has_no_rows(rf):
    table = PeopleTable([])
    assert NEW_TAG.render(Context({"table": table, "request": rf.get("/")})) == ""
