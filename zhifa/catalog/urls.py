"""Routes of the catalog screens, mounted at /catalog/."""

from django.urls import path

from zhifa.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.matter_list_view, name="list"),
    path("export.xlsx", views.catalog_export_view, name="export"),
    path("import/", views.catalog_import_view, name="import"),
    path("import/confirm/", views.catalog_import_confirm_view, name="import_confirm"),
    path("import/template.xlsx", views.catalog_import_template_view, name="import_template"),
    path("new/", views.matter_new_view, name="new"),
    path("counts/", views.catalog_counts_view, name="counts"),
    path("delegations/", views.delegation_list_view, name="delegations"),
    path("delegations/new/", views.delegation_new_view, name="delegation_new"),
    path("delegations/<int:pk>/revoke/", views.delegation_revoke_view, name="delegation_revoke"),
    path("settings/hearing/", views.hearing_settings_view, name="hearing"),
    path("<int:pk>/", views.matter_detail_view, name="detail"),
    path("<int:pk>/edit/", views.matter_edit_view, name="edit"),
    path("<int:pk>/remove/", views.matter_remove_view, name="remove"),
    path("<int:pk>/discretion/", views.discretion_edit_view, name="discretion"),
    path("<int:pk>/exemptions/new/", views.exemption_new_view, name="exemption_new"),
]
