"""Text normalisation shared by searches: case- and accent-insensitive."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents, punctuation folded to spaces.

    >>> fold("Lézat-sur-Lèze")
    'lezat sur leze'
    >>> fold("  Saint-Étienne  d'Orthe ")
    'saint etienne d orthe'
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.lower().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    return _NON_WORD.sub(" ", stripped).strip()
