"""Open311 GeoReport v2, mounted at /open311/v2/ (zhifa.intake.open311, docs/open311.md)."""

from django.urls import re_path

from zhifa.intake import open311

FMT = r"\.(?P<fmt>json|xml)$"
app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.services_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+?)" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.requests_view, name="requests"),
    re_path(r"^requests/(?P<number>[^/]+?)" + FMT, open311.request_one, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FMT, open311.token_lookup, name="token"),
]
