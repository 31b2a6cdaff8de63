"""The search attributes a case publishes (no personal data): its stage, regime and running deadline.

`FoiDue` is the date the running clock falls due (the response, or the review target) at 00:00 UTC,
so `FoiDue < '<today>T00:00:00Z'` finds every overdue case through visibility.
"""

from temporalio.common import SearchAttributeKey

STAGE = SearchAttributeKey.for_keyword("FoiStage")
REGIME = SearchAttributeKey.for_keyword("FoiRegime")
DUE = SearchAttributeKey.for_datetime("FoiDue")

SEARCH_ATTRIBUTES = [STAGE, REGIME, DUE]
