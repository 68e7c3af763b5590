"""Routes of the documents app, mounted at /documents/."""

from django.urls import path

from zhifa.documents import views

app_name = "documents"
urlpatterns = [
    path("case/<int:case_pk>/", views.owner_documents, name="case"),
    path("case/<int:case_pk>/issue-many/", views.issue_many, name="issue_many"),
    path("case/<int:case_pk>/case-file/", views.case_file_build, name="case_file_build"),
    path("lead/<int:lead_pk>/", views.owner_documents, name="lead"),
    path("<int:pk>/issue/", views.document_issue, name="issue"),
    path("<int:pk>/discard/", views.document_discard, name="discard"),
    path("<int:pk>/void/", views.document_void, name="void"),
    path("<int:pk>/correct/", views.document_correct, name="correct"),
    path("<int:pk>/docx/", views.document_docx, name="docx"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("case-files/<int:pk>/pdf/", views.case_file_pdf, name="case_file_pdf"),
    path("case-files/<int:pk>/zip/", views.case_file_zip, name="case_file_zip"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<slug:code>/", views.template_detail, name="template"),
    path("templates/<slug:code>/use/", views.template_use, name="template_use"),
    path("templates/<slug:code>/pattern/", views.template_pattern, name="template_pattern"),
    path("templates/<slug:code>/download/", views.template_download, name="template_download"),
    path("templates/<slug:code>/preview.<str:extension>", views.template_preview, name="template_preview"),
]
