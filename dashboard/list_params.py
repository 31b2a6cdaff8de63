"""A list page's state in its query string, so a filtered, sorted, paged view can be bookmarked and
shared: reading it (unknown values are the person's mistake, said in one line) and writing the links
that change one part of it (a new filter or sort goes back to page 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from register.caseload import SORTS
from rules import Regime, Stage
from rules.plain_text import ControlCharacterError, refuse_control
from runtime.errors import UserError

FIELDS = ("officer", "manager", "team", "clearance", "regime", "stage", "q", "sort", "dir", "page")
LONGEST = 320  # no filter or search is longer than the longest value a case holds in one (an address)
PAGE = re.compile(r"[1-9][0-9]{0,5}")  # pages 1 to 999,999, ASCII digits only


@dataclass(frozen=True)
class ListParams:
    path: str
    values: dict[str, str]

    @classmethod
    def read(cls, path: str, query: dict[str, str], default_sort: str) -> ListParams:
        values = {k: v.strip() for k in FIELDS if (v := query.get(k)) is not None and v.strip()}
        for k, v in values.items():
            try:
                refuse_control(v, k)
            except ControlCharacterError as exc:
                raise UserError(str(exc)) from None
            if len(v) > LONGEST:
                raise UserError(f"{k}: {len(v)} characters; at most {LONGEST}")
        if "regime" in values and values["regime"] not in Regime.__members__:
            raise UserError(f"regime '{values['regime']}': one of {', '.join(Regime)}")
        if "stage" in values and values["stage"] not in Stage.__members__:
            raise UserError(f"stage '{values['stage']}': one of {', '.join(Stage)}")
        if values.setdefault("sort", default_sort) not in SORTS:
            raise UserError(f"sort '{values['sort']}': one of {', '.join(SORTS)}")
        if values.setdefault("dir", "asc") not in ("asc", "desc"):
            raise UserError(f"dir '{values['dir']}': asc or desc")
        if not PAGE.fullmatch(values.setdefault("page", "1")):
            raise UserError(f"page '{values['page']}': a number from 1 to 999999")
        return cls(path, values)

    def filters(self) -> dict:
        """The keyword arguments of a `Caseload` query."""
        v = self.values
        return {
            "officer": v.get("officer"),
            "manager": v.get("manager"),
            "team": v.get("team"),
            "clearance": v.get("clearance"),
            "regime": v.get("regime"),
            "stage": v.get("stage"),
            "search": v.get("q"),
            "sort": v["sort"],
            "descending": v["dir"] == "desc",
            "page": int(v["page"]),
        }

    def link(self, **changes) -> str:
        """This view's URL with `changes` (None removes a part); anything but paging returns to page 1."""
        values = dict(self.values)
        if "page" not in changes:
            values.pop("page", None)
        for k, v in changes.items():
            if v is None or v == "":
                values.pop(k, None)
            else:
                values[k] = str(v)
        if values.get("page") == "1":
            values.pop("page")
        return self.path + ("?" + urlencode(values) if values else "")

    def sort_link(self, column: str) -> str:
        """Sort by `column`; a second click on the sorted column reverses it."""
        same = self.values["sort"] == column
        return self.link(sort=column, dir="desc" if same and self.values["dir"] == "asc" else "asc")
