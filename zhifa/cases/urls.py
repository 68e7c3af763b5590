"""Routes of case handling, mounted at /cases/."""

from django.urls import path

from zhifa.cases import views_case, views_leads, views_simple, views_steps

app_name = "cases"
urlpatterns = [
    path("", views_case.case_list, name="list"),
    path("<int:pk>/", views_case.case_detail, name="detail"),
    path("<int:pk>/steps/<slug:step>/", views_steps.case_step, name="step"),
    path("evidence/<int:pk>/", views_case.evidence_download, name="evidence"),
    path("transfers/", views_case.transfer_list, name="transfer_list"),
    path("leads/", views_leads.lead_list, name="lead_list"),
    path("leads/new/", views_leads.lead_new, name="lead_new"),
    path("leads/<int:pk>/", views_leads.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/extend/", views_leads.lead_extend, name="lead_extend"),
    path("leads/<int:pk>/attachments/", views_leads.lead_attach, name="lead_attach"),
    path("simple/new/", views_simple.onspot_new, name="simple_new"),
    path("simple/cash/", views_simple.cash_list, name="simple_cash"),
    path("simple/cash/<int:pk>/hand-over/", views_simple.cash_hand_over, name="simple_cash_hand_over"),
    path("simple/cash/<int:pk>/bank/", views_simple.cash_bank, name="simple_cash_bank"),
]
