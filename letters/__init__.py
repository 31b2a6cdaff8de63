"""Letters to requesters, written into the authority's own Word templates (`docxtpl`).

`letters.compose.letter(settings, ref, kind)` returns a `.docx`: the case comes from the register,
every date from `rules.evaluate` on the case's history up to the event the letter is about, and the
wording from a template (`letters/templates/<kind>.docx`, or the authority's own in the folder set by
`FOI_LETTER_TEMPLATES`). The placeholders each template may use are in `letters.content`.
"""

from letters.content import KINDS, LetterRefused, available

__all__ = ["KINDS", "LetterRefused", "available"]
