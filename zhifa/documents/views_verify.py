"""The public verification page (文书核验): no login. Says whether a document with this code was issued by the
bureau, whether it is still in force, and — when the holder uploads the file they were given — whether the
file is unchanged (its SHA-256 equals the issued .docx or PDF). It shows no personal data of the party.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from zhifa.cases.forms import BootstrapForm
from zhifa.documents import selectors
from zhifa.documents.render import verify_code_display

VERIFY_FILE_MAX_BYTES = 50 * 1024 * 1024


class VerifyForm(BootstrapForm):
    code = forms.CharField(label="核验码", max_length=20, help_text="文书二维码下方的 8 位字母和数字，如 7KQ2-M9XD")
    file = forms.FileField(label="核对文件（可选）", required=False,
                           help_text="上传您收到的电子文书（PDF 或 Word），核对是否被改动；文件只用于计算校验值，不保存")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None, initial={"code": code})
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None and upload.size > VERIFY_FILE_MAX_BYTES:
            form.add_error("file", "文件超过 50 MB，不是本机关出具的电子文书。")
        else:
            sha = selectors.file_sha256(upload.chunks()) if upload is not None else None
            result = selectors.document_verify(code=form.cleaned_data["code"], file_sha256=sha)
    elif request.method == "GET" and code:
        result = selectors.document_verify(code=code)
    status = 404 if result is not None and not result.found else 200
    return render(request, "documents/verify.html", {
        "form": form, "result": result,
        "code": verify_code_display(result.document.verify_code or "") if result and result.document else "",
    }, status=status)
