"""A plain SVG horizontal bar chart, drawn on the server (the dashboard runs no JavaScript)."""

from __future__ import annotations


def bar_chart(rows: list[tuple[str, int]], width: int = 640, bar: int = 22) -> str:
    top = max([n for _, n in rows] + [1])
    label_w, height = 330, bar * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="statistics chart" font-family="sans-serif" font-size="12">'
    ]
    for i, (label, n) in enumerate(rows):
        y = 5 + i * bar
        w = int((width - label_w - 40) * n / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{label}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar - 6}" fill="#1d70b8"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)
