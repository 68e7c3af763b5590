"""Routes of the staff site, the hotline and Open311 APIs, and the public complaint form (/portal/complaints/)."""

from django.urls import include, path

from zhifa.portal.views_info import robots

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("robots.txt", robots, name="robots"),
    path("accounts/", include("zhifa.accounts.urls")),
    path("people/", include("zhifa.accounts.urls_people")),
    path("audit/", include("zhifa.audit.urls")),
    path("calendar/", include("zhifa.workdays.urls")),
    path("catalog/", include("zhifa.catalog.urls")),
    path("cases/", include("zhifa.cases.urls")),
    path("jobs/", include("zhifa.jobs.urls")),
    path("documents/", include("zhifa.documents.urls")),
    path("verify/", include("zhifa.documents.urls_verify")),
    path("complaints/exchange/", include("zhifa.intake.urls_exchange")),
    path("complaints/", include("zhifa.intake.urls")),
    path("petitions/", include("zhifa.intake.urls_petitions")),
    path("api/hotline/v1/", include("zhifa.intake.urls_api")),
    path("open311/v2/", include("zhifa.intake.urls_open311")),
    path("portal/complaints/", include("zhifa.intake.urls_public")),
    path("portal/", include("zhifa.portal.urls_public")),
    path("disclosure/", include("zhifa.portal.urls_staff")),
]

handler403 = "zhifa.core.views.permission_denied"
handler404 = "zhifa.core.views.page_not_found"
handler500 = "zhifa.core.views.server_error"
