"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def about(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def officers(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def matters(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def matter(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def discretion(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def exemptions(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def inspections(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")
