"""Who is logged in, without a database query per request.

Django's ModelBackend reads the user's row on every request (the session is read through the
shared cache: settings.py). Users change rarely, and every save or delete of one raises the change
stamp (cchc.core.change_stamp watches the auth app), so the row is remembered in this process
under the stamp, and every request gets its own copy: a view that sets an attribute on
`request.user` changes nobody else's. A password change, a deactivation or a deleted user is seen
by the next request in every worker; a change made without signals (QuerySet.update), within the
stamp's TTL.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from cchc.core.change_stamp import remember


def _read(user_id: Any) -> Any:
    model = get_user_model()
    return model._default_manager.filter(pk=user_id).first()


class RememberedModelBackend(ModelBackend):
    """ModelBackend (passwords, permissions, inactive users refused) with get_user remembered."""

    def get_user(self, user_id: Any) -> Any:
        found = remember(("auth.user", str(user_id)), lambda: _read(user_id))
        if found is None:
            return None
        user = copy.deepcopy(found)
        return user if self.user_can_authenticate(user) else None
