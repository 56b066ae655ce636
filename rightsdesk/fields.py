"""Model fields whose values are stored encrypted (see rightsdesk.crypto).

The database holds only ciphertext; Python code sees plain text. Such a field
cannot be filtered or ordered on: exact-match and prefix search on people's
names goes through the blind index in the search app.
"""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

from rightsdesk import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text stored with AES-GCM; the column and model name are bound into each value."""

    description = "Text stored encrypted"

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        # max_length limits what a form accepts; the column holds ciphertext of any length.
        self.plain_max_length = max_length
        if max_length is not None:
            kwargs["validators"] = [*kwargs.get("validators", []), MaxLengthValidator(max_length)]
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length is not None:
            kwargs["max_length"] = self.plain_max_length
            # The length validator is added from max_length again on load.
            kept = [v for v in kwargs.get("validators", []) if not isinstance(v, MaxLengthValidator)]
            if kept:
                kwargs["validators"] = kept
            else:
                kwargs.pop("validators", None)
        return name, path, args, kwargs

    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt_text(value, self.context())

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_text(str(value), self.context())

    def formfield(self, **kwargs: Any) -> Any:
        if self.plain_max_length is not None:
            kwargs.setdefault("max_length", self.plain_max_length)
        return super().formfield(**kwargs)
