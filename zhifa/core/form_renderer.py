"""The form renderer: Django's, with the <input>, <textarea> and <select> widgets written in Python.

Django renders every widget through a template (and every option of a select through one more); the case page
offers a dozen step forms with some fifty fields and the case list selects of a hundred matters and officers,
and on an old office PC that was a large part of the page's time. The markup here is exactly what Django's
templates write (tests/core/test_form_renderer.py compares them byte for byte); every other widget (radio
buttons, check-box lists, file inputs with a clear box) still goes through its template.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
                 "checkbox", "tel", "search", "color", "file")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATE = "django/forms/widgets/select.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> SafeString:
        widget = context.get("widget")
        if widget is not None and template_name in INPUT_TEMPLATES:
            value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
            html = (f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
                    f"{value}{_attrs(widget['attrs'])}>")
            return mark_safe(html)  # noqa: S308 — every interpolated value is escaped above
        if widget is not None and template_name == TEXTAREA_TEMPLATE:
            body = conditional_escape(widget["value"]) if widget["value"] else ""
            html = f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{body}</textarea>'
            return mark_safe(html)  # noqa: S308 — every interpolated value is escaped above
        if widget is not None and template_name == SELECT_TEMPLATE and _plain_options(widget):
            return mark_safe(_select(widget))  # noqa: S308 — every interpolated value is escaped in _select
        return SafeString(super().render(template_name, context, request))


def _plain_options(widget: dict[str, Any]) -> bool:
    return all(option["template_name"] == "django/forms/widgets/select_option.html"
               for _, options, _ in widget["optgroups"] for option in options)


def _select(widget: dict[str, Any]) -> str:
    """django/forms/widgets/select.html and select_option.html, whitespace included."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>\n')  # the option template's own last newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)
