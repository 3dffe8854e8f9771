import opening_hours
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_opening_hours(value: str) -> None:
    """Refuse an opening_hours expression the OpenStreetMap parser does not accept."""
    if not value:
        return
    try:
        opening_hours.OpeningHours(value)
    except (opening_hours.ParserError, ValueError) as exc:
        raise ValidationError(
            _('"%(value)s" is not valid OpenStreetMap opening_hours syntax.'),
            code="invalid_opening_hours",
            params={"value": value},
        ) from exc
