"""The form renderer: Django's ``TemplatesSetting`` (widget templates come from the project's
template dirs too), with the ``<select>`` of Django's own templates written in Python.

A filter panel's selects (industries, parks, qualifications …) rendered through
``select.html`` → ``select_option.html`` → ``attrs.html`` cost a template include per
option: a third of a list page's time. ``render_select`` gives the same HTML, character for
character (tests/core/test_renderers.py compares the two); a widget with another option
template, or a project override of these templates, goes through the templates as before."""

from django.forms.renderers import TemplatesSetting
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
_context = Context()


def _shown(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaping template."""
    return conditional_escape(value if isinstance(value, SafeData) else str(value))  # "%s" % value


def attrs_html(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_shown(value)}"'
        )
    return "".join(out)


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{render_value_in_context(group_name, _context)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{_shown(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{render_value_in_context(option['label'], _context)}</option>\n"  # the file's last newline
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


class Renderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if (
            widget is not None
            and self._plain()
            and all(
                option.get("template_name") == OPTION
                for _n, options, _i in widget["optgroups"]
                for option in options
            )
        ):
            return render_select(widget)
        return super().render(template_name, context, request)

    def _plain(self) -> bool:
        """Django's own select templates are the ones found (no project override)."""
        plain = getattr(self, "_plain_templates", None)
        if plain is None:
            origins = [self.get_template(name).origin.name for name in (SELECT, OPTION)]
            plain = self._plain_templates = all("/django/forms/templates/" in o for o in origins)
        return plain
