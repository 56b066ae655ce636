"""Charts drawn on the server as SVG: no script, no library, the same in the browser and in a PDF.

Every text that goes into the SVG is escaped by format_html; colours are
presentation attributes, not style attributes, so the CSP holds.
"""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Kazakhstan's 20 regions as tiles, roughly where they lie: (column, row).
TILES: dict[str, tuple[int, int]] = {
    "west-kazakhstan": (0, 0),
    "kostanay": (2, 0),
    "north-kazakhstan": (3, 0),
    "pavlodar": (5, 0),
    "atyrau": (0, 1),
    "aktobe": (1, 1),
    "ulytau": (2, 1),
    "akmola": (3, 1),
    "astana": (4, 1),
    "abai": (5, 1),
    "east-kazakhstan": (6, 1),
    "mangystau": (0, 2),
    "kyzylorda": (1, 2),
    "karaganda": (3, 2),
    "jetisu": (5, 2),
    "turkistan": (1, 3),
    "shymkent": (2, 3),
    "jambyl": (3, 3),
    "almaty-region": (4, 3),
    "almaty-city": (5, 3),
}
SHADES = ["#eef2f7", "#c9d9ee", "#93b4dd", "#5a8bc8", "#1f5fa8"]
_SUFFIXES = (" Region", " область", " облысы")
TILE_W, TILE_H, GAP = 104, 58, 4


def _shade(n: int, top: int) -> str:
    if n <= 0 or top <= 0:
        return SHADES[0]
    return SHADES[min(4, 1 + (3 * n) // top)] if n < top else SHADES[4]


def _short(label: str, *, keep_suffix: bool = False) -> list[str]:
    for suffix in _SUFFIXES if not keep_suffix else ():
        label = label.removesuffix(suffix)
    words = label.replace("-", "- ").split()
    if len(label) <= 14 or len(words) == 1:
        return [label]
    first = words[0]
    return [first.replace("- ", "-"), " ".join(words[1:]).replace("- ", "-")]


def region_tiles(counts: dict[str, int], labels: dict[str, str], link: str = "?region=") -> SafeString:
    """A tile grid of the regions, shaded by count, each tile a link to its records."""
    top = max(counts.values(), default=0)
    width = 7 * (TILE_W + GAP)
    height = 4 * (TILE_H + GAP)
    tiles = []
    for code, (col, row) in TILES.items():
        n = counts.get(code, 0)
        x, y = col * (TILE_W + GAP), row * (TILE_H + GAP)
        label = labels.get(code, code)
        dark = _shade(n, top) in SHADES[3:]
        ink = "#ffffff" if dark else "#1d2430"
        short = _short(label, keep_suffix=code.endswith("-region"))
        lines = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((x + TILE_W / 2, "0" if i == 0 else "1.15em", line) for i, line in enumerate(short)),
        )
        title = ngettext("%(region)s: %(n)d record", "%(region)s: %(n)d records", n) % {"region": label, "n": n}
        tiles.append(
            format_html(
                '<a href="{link}{code}" class="tile" data-region="{code}"><title>{title}</title>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{fill}" stroke="#9aa4b2"/>'
                '<text x="{cx}" y="{ty}" text-anchor="middle" font-size="10" fill="{ink}">{lines}</text>'
                '<text x="{cx}" y="{ny}" text-anchor="middle" font-size="15" font-weight="bold" fill="{ink}">{n}</text>'
                "</a>",
                link=link,
                code=code,
                title=title,
                x=x,
                y=y,
                w=TILE_W,
                h=TILE_H,
                fill=_shade(n, top),
                cx=x + TILE_W / 2,
                ty=y + 16,
                ny=y + TILE_H - 8,
                ink=ink,
                lines=lines,
                n=n,
            )
        )
    return format_html(
        '<svg class="tiles" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="tiles-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="tiles-title">{title}</title>{tiles}</svg>',
        w=width,
        h=height,
        title=_("Published records by region of Kazakhstan"),
        tiles=format_html_join("", "{}", ((t,) for t in tiles)),
    )


def trend(points: Sequence[tuple[int, int]], *, title: str) -> SafeString:
    """A bar chart of counts per year."""
    if not points:
        return format_html('<p class="muted">{}</p>', _("Nothing published yet."))
    bar, gap, height, left, bottom, top_pad = 34, 8, 160, 34, 22, 14
    width = left + len(points) * (bar + gap) + gap
    top = max(n for _year, n in points) or 1
    step = max(1, -(-top // 4))
    grid = format_html_join(
        "",
        '<line x1="{0}" x2="{1}" y1="{4}" y2="{4}" stroke="#d8dde5"/>'
        '<text x="{2}" y="{4}" font-size="10" text-anchor="end" dy="3" fill="#5b6575">{3}</text>',
        ((left, width, left - 4, v, top_pad + height - v * height / top) for v in range(0, top + 1, step)),
    )
    bars = format_html_join(
        "",
        '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="#1f5fa8"/>'
        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#1d2430">{}</text>'
        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#1d2430">{}</text></g>',
        (
            (
                year,
                n,
                left + gap + i * (bar + gap),
                top_pad + height - n * height / top,
                bar,
                n * height / top,
                left + gap + i * (bar + gap) + bar / 2,
                top_pad + height + 14,
                year,
                left + gap + i * (bar + gap) + bar / 2,
                top_pad + height - n * height / top - 3,
                n or "",
            )
            for i, (year, n) in enumerate(points)
        ),
    )
    return format_html(
        '<svg class="trend" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>{grid}{bars}</svg>",
        w=width,
        h=top_pad + height + bottom,
        title=title,
        grid=grid,
        bars=bars,
    )


def bars(rows: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    """Horizontal bars: a label and a count per row."""
    if not rows:
        return format_html('<p class="muted">{}</p>', _("Nothing published yet."))
    top = max(n for _label, n in rows) or 1
    row_h, label_w, bar_w = 22, 260, 260
    body = format_html_join(
        "",
        '<g><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#1d2430">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="14" fill="#5a8bc8"/>'
        '<text x="{}" y="{}" font-size="11" fill="#1d2430">{}</text></g>',
        (
            (
                label_w - 6,
                i * row_h + 12,
                label[:42],
                label_w,
                i * row_h + 2,
                max(1, n * bar_w / top),
                label_w + n * bar_w / top + 4,
                i * row_h + 12,
                n,
            )
            for i, (label, n) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="hbars" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>{body}</svg>",
        w=label_w + bar_w + 40,
        h=len(rows) * row_h + 4,
        title=title,
        body=body,
    )
