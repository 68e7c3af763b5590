"""The demo bureau's document settings: what its decisions name as the reconsideration body, the court and
where fines are paid (without them a penalty decision cannot be issued: 行政处罚法 art. 59)."""

from __future__ import annotations

from zhifa.accounts.models import Bureau
from zhifa.documents.models import DocumentSettings


def demo_document_settings_load(*, bureau: Bureau) -> bool:
    """Idempotent: True when the settings were created now."""
    district = bureau.district or "示范区"
    _, created = DocumentSettings.objects.get_or_create(bureau=bureau, defaults={
        "reconsideration_body": f"{district}人民政府",
        "litigation_court": f"{district}人民法院",
        "payment_account": "示范银行示范区支行（非税收入代收账户，罚缴分离）",
    })
    return created
