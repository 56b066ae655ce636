"""The world map as SVG paths, drawn on the server so it works without JavaScript.

Shapes come from the vendored world-atlas TopoJSON (Natural Earth, 1:110m;
static/vendor/world-atlas/). TopoJSON stores each border once as a
delta-encoded, quantised arc; a country is rings of arc indexes (a negative
index ~i means arc i reversed). The map uses a plain equirectangular
projection cropped at 60°S, and is computed once per process.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

WIDTH = 960
TOP_LATITUDE = 84.0
BOTTOM_LATITUDE = -60.0
HEIGHT = round(WIDTH * (TOP_LATITUDE - BOTTOM_LATITUDE) / 360)
ATLAS = Path("vendor") / "world-atlas" / "countries-110m.json"
# Shapes without an ISO numeric code in the atlas, by their atlas name.
CODES_BY_NAME = {"Kosovo": "XKX"}
# Antarctica lies below the crop and has no death-penalty status.
LEFT_OUT = {"010"}


@dataclass(frozen=True)
class Shape:
    numeric: str  # ISO 3166 numeric code, or an alpha-3 code from CODES_BY_NAME
    name: str
    path: str


def _atlas_path() -> Path:
    for folder in settings.STATICFILES_DIRS:
        candidate = Path(folder) / ATLAS
        if candidate.exists():
            return candidate
    raise FileNotFoundError(ATLAS)


def _project(x: float, y: float) -> tuple[float, float]:
    return (
        round((x + 180) / 360 * WIDTH, 1),
        round((TOP_LATITUDE - y) / (TOP_LATITUDE - BOTTOM_LATITUDE) * HEIGHT, 1),
    )


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:  # type: ignore[type-arg]
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(_project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    parts = []
    previous: tuple[float, float] | None = None
    for x, y in points:
        # A step across the antimeridian starts a new subpath instead of a streak.
        jump = previous is None or abs(x - previous[0]) > WIDTH / 2
        parts.append(f"{'M' if jump else 'L'}{x:g},{y:g}")
        previous = (x, y)
    return "".join(parts) + "Z"


@functools.cache
def shapes() -> tuple[Shape, ...]:
    topology = json.loads(_atlas_path().read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = geometry.get("id") or CODES_BY_NAME.get(name)
        if not code or code in LEFT_OUT:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        path = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        found.append(Shape(str(code), name, path))
    return tuple(found)
