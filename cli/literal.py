"""Tables for the terminal that show every value literally.

Rich reads brackets in a plain string as markup (`[/bold]`, `[link=...]`) and colons as emoji codes,
so text a person typed (a subject, an officer, a holiday name) could restyle, break or hyperlink the
command's output. This table takes every cell and its title as a `rich.text.Text`, which Rich prints
as it is; styling stays on the columns. A control character in a value (an escape sequence would
retitle or clear the terminal; input refuses them, an older register may hold them) is shown escaped,
as `\x1b`: the command line prints no control character it did not write itself."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text

from runtime.errors import one_line


def literal(value) -> Text | None:
    """A cell or title shown exactly as given (None stays an empty cell)."""
    if value is None or isinstance(value, Text):
        return value
    return Text(one_line(str(value)))


class Table(RichTable):
    def __init__(self, *columns, title=None, **kw):
        super().__init__(*columns, title=literal(title), **kw)

    def add_row(self, *values, **kw) -> None:
        super().add_row(*(literal(v) for v in values), **kw)
