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
    return {"shapes": shapes, "height": max(height, 1.0), "width": (max_x - min_x) * scale}
