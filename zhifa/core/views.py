from django.http import HttpRequest, HttpResponse


def workbench(request: HttpRequest) -> HttpResponse:
    return HttpResponse("workbench")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse("forbidden", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse("not found", status=404)
