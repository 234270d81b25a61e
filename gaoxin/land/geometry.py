"""Parcel boundaries: read GeoJSON or WKT, check them, measure them on an equal-area
projection, find the overlap with the live parcels next to them.

Coordinates are WGS84 longitude/latitude. Areas are measured on the sinusoidal projection
(x = R·λ·cos φ, y = R·φ, equal-area on the sphere; R = 6,371,008.8 m, the mean radius), with
the central meridian at the parcel's own longitude, so the error over a parcel is far below
the 1% the stated area must agree within. The overlap check asks the database for the live
parcels whose stored bounding box meets the new one (an indexed range query) and intersects
only those (``overlaps``)."""

import json
import math
from dataclasses import dataclass

import numpy as np
import shapely
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

R = 6_371_008.8
AREA_TOLERANCE = 0.01  # the drawn area agrees with the stated area within 1%


def overlap_tolerance_m2() -> float:
    """Overlap below this many m² is a drawing tolerance, not an overlap (setting)."""
    return float(getattr(settings, "GAOXIN_LAND_OVERLAP_M2", 1.0))


def parse(value) -> shapely.Geometry:
    """A polygon from GeoJSON (a geometry, a Feature, or their text) or WKT text; a clear
    error for anything else, an empty, unclosed or self-intersecting ring included."""
    try:
        if isinstance(value, str) and value.strip()[:1] in ("{", "["):
            value = json.loads(value)
        if isinstance(value, dict):
            value = value.get("geometry", value) if value.get("type") == "Feature" else value
            geom = shape(value)
        elif isinstance(value, str):
            geom = shapely.from_wkt(value.strip())
        else:
            raise ValueError
    except Exception:
        raise ValidationError(_("The boundary is neither GeoJSON nor WKT.")) from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise ValidationError(_("The boundary must be a polygon (got %(kind)s).") % {"kind": geom.geom_type})
    min_x, min_y, max_x, max_y = geom.bounds
    if not (-180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90):
        raise ValidationError(_("The boundary's coordinates are not longitude/latitude (WGS84)."))
    if not geom.is_valid:
        reason = explain_validity(geom)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            raise ValidationError(_("The boundary crosses itself (%(where)s).") % {"where": reason})
        raise ValidationError(_("The boundary is not a valid polygon (%(why)s).") % {"why": reason})
    return geom


def projected(geom: shapely.Geometry, lon0: float | None = None) -> shapely.Geometry:
    """The geometry on the sinusoidal projection centred on ``lon0`` (its own centre)."""
    if lon0 is None:
        lon0 = geom.centroid.x

    def forward(xy: np.ndarray) -> np.ndarray:
        lat = np.radians(xy[:, 1])
        return np.column_stack((R * np.radians(xy[:, 0] - lon0) * np.cos(lat), R * lat))

    return shapely.transform(geom, forward)


def area_m2(geom: shapely.Geometry) -> float:
    return projected(geom).area


@dataclass(frozen=True)
class Overlap:
    code: str
    area_m2: float


def overlaps(geom: shapely.Geometry, *, exclude_pk=None) -> list[Overlap]:
    """The live parcels the boundary overlaps by more than the tolerance."""
    from .models import Parcel

    min_x, min_y, max_x, max_y = geom.bounds
    near = (
        Parcel.objects.live()
        .filter(min_x__lte=max_x, max_x__gte=min_x, min_y__lte=max_y, max_y__gte=min_y)
        .exclude(pk=exclude_pk)
        .values_list("code", "boundary")
    )
    tolerance = overlap_tolerance_m2()
    shared = ((code, shared_m2(geom, shape(boundary))) for code, boundary in near)
    return [Overlap(code, area) for code, area in shared if area > tolerance]


def check(geom: shapely.Geometry, area_mu, *, exclude_pk=None) -> dict:
    """What ``Parcel.clean`` stores with a boundary, or a ValidationError naming the problem:
    the drawn area against the stated one (1%), the overlap with a live parcel."""
    from .models import MU_M2

    drawn = area_m2(geom)
    if area_mu:
        stated = float(area_mu * MU_M2)
        if abs(drawn - stated) > stated * AREA_TOLERANCE:
            raise ValidationError(
                _(
                    "The drawing measures %(drawn).2f 亩 (%(m2).0f m²), the stated area is %(stated)s 亩: more than 1%% apart."
                )
                % {"drawn": drawn / float(MU_M2), "m2": drawn, "stated": area_mu}
            )
    clashes = overlaps(geom, exclude_pk=exclude_pk)
    if clashes:
        raise ValidationError(
            _("The boundary overlaps %(list)s.")
            % {
                "list": "、".join(
                    _("parcel %(code)s by %(m2).1f m²") % {"code": c.code, "m2": c.area_m2} for c in clashes
                )
            }
        )
    min_x, min_y, max_x, max_y = geom.bounds
    return {
        "boundary": json.loads(shapely.to_geojson(geom)),
        "drawn_area_m2": round(drawn, 2),
        "min_x": min_x,
        "min_y": min_y,
        "max_x": max_x,
        "max_y": max_y,
    }


def rectangle(lon: float, lat: float, width_m: float, height_m: float) -> dict:
    """A GeoJSON rectangle of about ``width_m`` × ``height_m`` metres with its south-west
    corner at (lon, lat) — for the demo and tests."""
    dlat = math.degrees(height_m / R)
    dlon = math.degrees(width_m / (R * math.cos(math.radians(lat + dlat / 2))))
    ring = [[lon, lat], [lon + dlon, lat], [lon + dlon, lat + dlat], [lon, lat + dlat], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def shared_m2(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """The area two boundaries share, in m²."""
    if not a.intersects(b):
        return 0.0
    lon0 = a.centroid.x
    return projected(a, lon0).intersection(projected(b, lon0)).area


def to_wkt(boundary: dict) -> str:
    return shapely.to_wkt(shape(boundary), rounding_precision=7)
