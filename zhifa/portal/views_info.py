"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def procedures(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def remedies(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def figures(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def sitemap(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def feed(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")


def robots(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("建设中")
