"""Password rules beyond Django's own validators (settings.AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LettersAndDigitsValidator:
    """A password holds at least one letter and at least one digit."""

    def validate(self, password, user=None):
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(
                _("The password must contain both letters and digits."), code="password_letters_digits"
            )

    def get_help_text(self):
        return _("Your password must contain both letters and digits.")
