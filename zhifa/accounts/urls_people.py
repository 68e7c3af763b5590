"""Routes of the people screens (人员管理), mounted at /people/."""

from django.urls import path

from zhifa.accounts import views_people as views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("new/", views.officer_new, name="new"),
    path("export.xlsx", views.people_export, name="export"),
    path("import/", views.people_import, name="import"),
    path("import/confirm/", views.people_import_confirm, name="import_confirm"),
    path("import/template.xlsx", views.people_import_template, name="import_template"),
    path("certificates/<int:pk>/edit/", views.certificate_edit, name="certificate_edit"),
    path("<int:pk>/", views.officer_detail, name="detail"),
    path("<int:pk>/edit/", views.officer_edit, name="edit"),
    path("<int:pk>/reveal/", views.officer_reveal, name="reveal"),
    path("<int:pk>/certificates/new/", views.certificate_new, name="certificate_new"),
]
