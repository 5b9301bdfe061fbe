"""Great-circle distance between two points on the Earth, in kilometres."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0

LatLng = tuple[float, float]


def great_circle_km(origin: LatLng, destination: LatLng) -> float:
    """Haversine distance, as Magento's offline distance provider computes it."""
    lat1, lng1 = (radians(value) for value in origin)
    lat2, lng2 = (radians(value) for value in destination)
    half_chord = (
        sin((lat2 - lat1) / 2) ** 2
        + cos(lat1) * cos(lat2) * sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * asin(sqrt(min(half_chord, 1.0)))
