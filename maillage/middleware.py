"""Request checks shared by every page and the API."""

from django.core.exceptions import SuspiciousOperation


class RejectNullCharactersMiddleware:
    """Refuse a NUL character in the path or query string with a 400.

    PostgreSQL cannot store or compare strings holding NUL, so such a parameter would
    reach the database as an error (a 500) instead of matching nothing. Forms already
    refuse it field by field; this covers URLs and API parameters in one place.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL character in the request")
        return self.get_response(request)
