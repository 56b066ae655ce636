"""Charts of the impact report drawn on the server as SVG: no script, the same in the browser and the PDF.

Every text is escaped by format_html; colours are presentation attributes, not
style attributes, so the Content-Security-Policy holds. Each bar is a link to
the list it counts.
"""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

INK = "#1d2430"
BAR = "#1f5fa8"
EMPTY = "#e4e8ee"


def hbars(rows: Sequence[tuple[str, int, str]], *, title: str) -> SafeString:
    """Horizontal bars: (label, count, link) per row."""
    shown = [row for row in rows if row[1] > 0]
    if not shown:
        return format_html('<p class="muted">{}</p>', _("Nothing in this period."))
    top = max(n for _label, n, _href in shown) or 1
    row_h, label_w, bar_w = 22, 230, 280
    body = format_html_join(
        "",
        '<a href="{}"><title>{}: {}</title><text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="14" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" fill="{}">{}</text></a>',
        (
            (
                href,
                label,
                n,
                label_w - 6,
                i * row_h + 12,
                INK,
                label if len(label) <= 36 else label[:35] + "…",
                label_w,
                i * row_h + 2,
                max(1.0, n * bar_w / top),
                BAR,
                label_w + n * bar_w / top + 4,
                i * row_h + 12,
                INK,
                n,
            )
            for i, (label, n, href) in enumerate(shown)
        ),
    )
    return format_html(
        '<svg class="hbars" viewBox="0 0 {w} {h}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>{body}</svg>",
        w=label_w + bar_w + 50,
        h=len(shown) * row_h + 4,
        title=title,
        body=body,
    )


def presence(regions: Sequence[tuple[str, bool]], *, title: str) -> SafeString:
    """One square per region, filled where the organisation was active: “present in N of 20”."""
    per_row, size, gap = 10, 78, 6
    cells = format_html_join(
        "",
        '<g><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="#9aa4b2"/>'
        '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="{}">{}</text></g>',
        (
            (
                label,
                (i % per_row) * (size + gap),
                (i // per_row) * (size / 2 + gap),
                size,
                size / 2,
                BAR if present else EMPTY,
                (i % per_row) * (size + gap) + size / 2,
                (i // per_row) * (size / 2 + gap) + size / 4 + 3,
                "#ffffff" if present else INK,
                label if len(label) <= 15 else label[:14] + "…",
            )
            for i, (label, present) in enumerate(regions)
        ),
    )
    rows = max(1, -(-len(regions) // per_row))
    return format_html(
        '<svg class="presence" viewBox="0 0 {w} {h}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>{cells}</svg>",
        w=per_row * (size + gap),
        h=rows * (size / 2 + gap),
        title=title,
        cells=cells,
    )
