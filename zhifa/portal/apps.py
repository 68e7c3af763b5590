from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhifa.portal"
    label = "portal"
    verbose_name = "行政执法公示"

    def ready(self) -> None:
        # The daily take-down of published decisions whose period ended registers itself on import.
        from zhifa.portal import jobs  # noqa: F401
