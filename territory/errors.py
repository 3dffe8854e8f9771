"""The one exception the territorial engine raises on bad input."""


class TerritoryError(ValueError):
    """Bad territory, points, sites or parameters, with a message meant for a person.

    A subclass of :class:`ValueError`, so callers that already catch
    ``ValueError`` keep working.

    Examples
    --------
    >>> try:
    ...     raise TerritoryError("unknown département '99'")
    ... except ValueError as error:
    ...     print(error)
    unknown département '99'
    """


def describe_ids(ids, limit: int = 10) -> str:
    """Quote up to ``limit`` identifiers for an error message.

    Examples
    --------
    >>> describe_ids(["a", "b", "c"], limit=2)
    "'a', 'b' and 1 more"
    """
    ids = [str(i) for i in ids]
    shown = ", ".join(repr(i) for i in ids[:limit])
    rest = len(ids) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown
