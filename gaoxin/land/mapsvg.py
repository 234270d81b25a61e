"""The park map without the internet: parcels drawn as SVG paths on a plain background,
projected locally (equirectangular around the drawing's mean latitude, metres), scaled to the
view box, north up. No tiles, no script: the page works on an offline zone network."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Parcel

WIDTH = 1000.0
STATUS_COLOURS = {
    Parcel.Status.RESERVE: "#74b816",
    Parcel.Status.AVAILABLE: "#2fb344",
    Parcel.Status.SOLD: "#4299e1",
    Parcel.Status.ALLOCATED: "#4263eb",
    Parcel.Status.BUILDING: "#f59f00",
    Parcel.Status.PRODUCING: "#ae3ec9",
    Parcel.Status.RETIRED: "#adb5bd",
}
GRADE_COLOURS = {"A": "#2fb344", "B": "#4299e1", "C": "#f59f00", "D": "#d63939", "": "#ced4da"}
GRADE_LABELS = {
    "A": "A 优先发展",
    "B": "B 提升发展",
    "C": "C 调控帮扶",
    "D": "D 倒逼整治",
    "": _("not graded"),
}


@dataclass
class Shape:
    parcel: Parcel
    d: str
    colour: str
    label_x: float
    label_y: float
    labelled: bool  # wide enough for its code


def rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for polygon in geometry["coordinates"]:
            yield from polygon


def draw(parcels: list[Parcel], colour_of) -> dict:
    """The SVG's view box and one path per parcel with a boundary."""
    drawn = [p for p in parcels if p.boundary]
    if not drawn:
        return {"shapes": [], "height": 0}
    lat0 = math.radians(sum(p.min_y + p.max_y for p in drawn) / (2 * len(drawn)))
    kx = math.cos(lat0)
    min_x = min(p.min_x for p in drawn) * kx
    max_x = max(p.max_x for p in drawn) * kx
    min_y, max_y = min(p.min_y for p in drawn), max(p.max_y for p in drawn)
    span = max(max_x - min_x, max_y - min_y, 1e-9)
    scale = WIDTH / span
    height = (max_y - min_y) * scale
    shapes = []
    for p in drawn:
        parts = []
        for ring in rings(p.boundary):
            points = [((x * kx - min_x) * scale, (max_y - y) * scale) for x, y in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        cx = ((p.min_x + p.max_x) / 2 * kx - min_x) * scale
        cy = (max_y - (p.min_y + p.max_y) / 2) * scale
        wide = (p.max_x - p.min_x) * kx * scale > 12 * len(p.code) and (p.max_y - p.min_y) * scale > 18
        shapes.append(Shape(p, "".join(parts), colour_of(p), cx, cy, wide))
    frame = (min_x, max_y, kx, scale)
    return {"shapes": shapes, "height": max(height, 1.0), "width": (max_x - min_x) * scale, "frame": frame}


MAX_TILES = 64


def tiles(drawing: dict, url: str) -> list[dict]:
    """Background tiles of an XYZ tile server (``GAOXIN_LAND_TILE_URL`` with {z}/{x}/{y}) under
    the drawing, placed in its view box: the zoom whose tiles are about 256 units wide, at most
    ``MAX_TILES`` of them; each tile's corners projected like the parcels (straight lines
    within a tile — the drawing spans a park, a few kilometres)."""
    if not url or not drawing.get("shapes"):
        return []
    min_x, max_y, kx, scale = drawing["frame"]
    zoom = max(0, min(19, int(math.log2(max(360 * kx * scale / 256, 1)))))
    n = 2**zoom
    west, east = min_x / kx, (min_x + drawing["width"] / scale) / kx
    south, north = max_y - drawing["height"] / scale, max_y

    def column(lon):
        return int((lon + 180) / 360 * n)

    def row(lat):
        return int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

    def corner(tx, ty):
        lon = tx / n * 360 - 180
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * ty / n))))
        return (lon * kx - min_x) * scale, (max_y - lat) * scale

    cells = [(x, y) for x in range(column(west), column(east) + 1) for y in range(row(north), row(south) + 1)]
    out = []
    for x, y in cells[:MAX_TILES]:
        (x0, y0), (x1, y1) = corner(x, y), corner(x + 1, y + 1)
        href = url.replace("{z}", str(zoom)).replace("{x}", str(x)).replace("{y}", str(y))
        out.append({"href": href, "x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0})
    return out
