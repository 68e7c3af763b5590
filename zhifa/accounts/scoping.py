"""The one scoping mechanism: `Model.objects.for_user(user, action)`.

Every selector starts from it, so a list, an object page, an export or an API answer can never show what
the user may not see. A model opts in by using `ScopedQuerySet` and naming, on the queryset class, the
lookup that yields its bureau's id and (optionally) the path to its department:

    class OfficerQuerySet(ScopedQuerySet):
        bureau_field = "bureau_id"
        department_path = "department"

Rules (roles are in roles.py):
- supervisor: views every bureau of the deployment, changes nothing;
- audit administrator: sees no case or people data at all (models may opt in with `audit_visible`);
- administrator: views and changes everything of their bureau;
- bureau leader, legal reviewer: view everything of their bureau;
- team leader, officer, assistant: view their own department and the departments below it
  (team leaders change there; officers and assistants change nothing by this rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Self

from django.db import models
from django.db.models import Q

from zhifa.accounts.roles import Role

if TYPE_CHECKING:
    from zhifa.accounts.models import User

Action = Literal["view", "change"]

BUREAU_WIDE_VIEW = {Role.ADMINISTRATOR, Role.BUREAU_LEADER, Role.LEGAL_REVIEWER}
BUREAU_WIDE_CHANGE = {Role.ADMINISTRATOR}
DEPARTMENT_CHANGE = {Role.TEAM_LEADER}


class ScopedQuerySet(models.QuerySet):
    bureau_field: str = "bureau_id"
    department_path: str | None = None
    audit_visible: bool = False  # the audit administrator's only data is the audit log

    def for_user(self, user: User | None, action: Action = "view") -> Self:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        roles = user.role_codes
        if Role.AUDIT_ADMIN in roles and not (roles - {Role.AUDIT_ADMIN}):
            if self.audit_visible and action == "view":
                return self.all()
            return self.none()
        if Role.SUPERVISOR in roles and action == "view":
            return self.all()
        if user.bureau_id is None:
            return self.none()
        in_bureau = Q(**{self.bureau_field: user.bureau_id})
        wide = BUREAU_WIDE_VIEW if action == "view" else BUREAU_WIDE_CHANGE
        if roles & wide:
            return self.filter(in_bureau)
        if action == "change" and not roles & DEPARTMENT_CHANGE:
            return self.none()
        return self.filter(in_bureau & self._department_scope(user, action))

    def _department_scope(self, user: User, action: Action) -> Q:
        """The user's department subtree; a user without a department sees nothing department-bound."""
        if self.department_path is None:
            # Bureau-level objects (the bureau itself, its townships) are visible to all its staff and
            # changed only by its administrators.
            return Q() if action == "view" else Q(pk__in=[])
        if user.department_id is None:
            return Q(pk__in=[])
        return Q(**{f"{self.department_path}__in": user.department_subtree_ids})
