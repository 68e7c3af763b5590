"""The bureau's roles. A user holds one or several."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "执法人员"
    ASSISTANT = "assistant", "协管员"  # may record, may not decide or sign
    TEAM_LEADER = "team_leader", "执法队负责人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    BUREAU_LEADER = "bureau_leader", "局领导"
    ADMINISTRATOR = "administrator", "系统管理员"
    AUDIT_ADMIN = "audit_admin", "安全审计员"  # reads the audit log, never case data
    SUPERVISOR = "supervisor", "监督人员"  # the district's supervisors: every bureau, read-only
