"""Personal numbers never leave esfkit: the one masking function for any text shown to a user.

Light on purpose (no pandas): every output path — reports in every format, error messages,
`validate`, `explain`, `init`, the history file — calls :func:`mask_text` on text that came
from a user's file, the goal file included.
"""

from __future__ import annotations

import re

# Anything in free text that could be a personnummer: masked before it reaches the user.
# Nine digits too: Excel drops the leading 0 of 0501011234 (born 2000-2009) kept as a number.
_PNR_IN_TEXT = re.compile(r"(?<!\d)(\d{5}|\d{6}|\d{8})([-+]?)\d{4}(?!\d)")


def mask_text(text: str) -> str:
    """Every run of digits shaped like a personnummer in ``text``, masked."""
    return _PNR_IN_TEXT.sub(lambda m: f"{m.group(1)}-****", text)
