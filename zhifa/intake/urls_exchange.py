"""Routes (filled in by the part of issue #7 that owns this module)."""

from django.urls import URLPattern

app_name = "exchange"
urlpatterns: list[URLPattern] = []
