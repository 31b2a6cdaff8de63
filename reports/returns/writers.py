"""A return written out: CSV, JSON, an .xlsx workbook (openpyxl, loaded only here) and a self-contained
HTML page an authority can publish. Every writer gives the same lines in the same order; a value the
register cannot tell is empty, with its note."""

from __future__ import annotations

import csv
import html
import io

from reports.returns.lines import Return
from rules.explain import day

HEADER = ["quarter", "return", "section", "line", "value", "note"]


def as_csv(r: Return) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for line in r.lines:
        w.writerow(
            [str(r.quarter), r.name, line.section, line.label, "" if line.value is None else line.value, line.note]
        )
    return out.getvalue()


def as_json(r: Return) -> dict:
    return {
        "return": r.name,
        "title": r.title,
        "source": r.source,
        "quarter": str(r.quarter),
        "first": r.quarter.first.isoformat(),
        "last": r.quarter.last.isoformat(),
        "as_of": r.as_of.isoformat(),
        "basis": r.basis,
        "lines": [
            {"section": x.section, "line": x.label, "value": x.value, **({"note": x.note} if x.note else {})}
            for x in r.lines
        ],
    }


def as_xlsx(r: Return) -> bytes:
    """One sheet: the title, the period, the source and the day made, then a table of the lines."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = r.name
    sheet.append([r.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Period", f"{day(r.quarter.first)} to {day(r.quarter.last)}"])
    sheet.append(["Source", r.source])
    sheet.append(["Figures as on", day(r.as_of)])
    sheet.append(["Counted", r.basis])
    sheet.append([])
    sheet.append(["Section", "Line", "Value", "Note"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in r.lines:
        sheet.append([line.section, line.label, line.value, line.note or None])
    for column, width in zip("ABCD", (36, 70, 10, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A8"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_html(r: Return) -> str:
    """A page an authority can publish as it is: no staff names, no requesters, only the figures."""
    e = html.escape
    rows, section = [], None
    for line in r.lines:
        if line.section != section:
            section = line.section
            rows.append(f'<tr><th colspan="2" scope="rowgroup">{e(section[:1].upper() + section[1:])}</th></tr>')
        value = "not available" if line.value is None else str(line.value)
        note = f"<br><small>{e(line.note)}</small>" if line.note else ""
        rows.append(f'<tr><td>{e(line.label)}{note}</td><td class="num">{e(value)}</td></tr>')
    body = "\n".join(rows)
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(r.title)}</title>
<style>body{{font-family:Arial,sans-serif;max-width:50em;margin:2em auto;color:#0b0c0c}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #b1b4b6;padding:.4em;text-align:left}}
.num{{text-align:right}}small{{color:#505a5f}}</style></head>
<body>
<h1>{e(r.title)}</h1>
<p>{e(day(r.quarter.first))} to {e(day(r.quarter.last))}. {e(r.basis)}</p>
<p>Published in line with the {e(r.source)}.</p>
<table>
<thead><tr><th scope="col">Measure</th><th scope="col" class="num">Number</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
