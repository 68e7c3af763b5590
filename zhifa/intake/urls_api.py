"""The 12345 hotline's REST endpoint, mounted at /api/hotline/v1/ (zhifa.intake.api, docs/open311.md)."""

from django.urls import path

from zhifa.intake import api

app_name = "hotline_api"
urlpatterns = [
    path("complaints/", api.complaints_push, name="complaints"),
    path("replies/", api.replies_export, name="replies"),
]
