"""Routes of the staff site. Later issues add the public portal (/portal/) and the APIs."""

from django.urls import include, path

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("accounts/", include("zhifa.accounts.urls")),
    path("people/", include("zhifa.accounts.urls_people")),
    path("audit/", include("zhifa.audit.urls")),
    path("calendar/", include("zhifa.workdays.urls")),
    path("catalog/", include("zhifa.catalog.urls")),
    path("cases/", include("zhifa.cases.urls")),
    path("jobs/", include("zhifa.jobs.urls")),
    path("documents/", include("zhifa.documents.urls")),
    path("verify/", include("zhifa.documents.urls_verify")),
]

handler403 = "zhifa.core.views.permission_denied"
handler404 = "zhifa.core.views.page_not_found"
handler500 = "zhifa.core.views.server_error"
