"""The form renderer: Django's, with the plain <input> and <textarea> widgets written in Python.

Django renders every widget through a template (three template lookups and includes per field); the case page
offers a dozen step forms with some fifty fields, and on an old office PC that was a large part of the page's
time. The markup here is exactly what Django's templates write (tests/core/test_form_renderer.py compares
them); every other widget still goes through its template.
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
        return SafeString(super().render(template_name, context, request))
