"""Routes of the public portal (/portal/); /portal/complaints/ is mounted before it."""

from django.urls import path

from zhifa.portal import views_public as v

app_name = "portal"
urlpatterns = [
    path("", v.home, name="home"),
    path("decisions/", v.decision_list, name="decisions"),
    path("decisions/<int:pk>/", v.decision_detail, name="decision"),
    path("certificates/", v.certificates, name="certificates"),
]
