"""Small statistics for timings: medians and a log-log growth fit, without numpy in the parent."""

from __future__ import annotations

import math
import statistics


def median(values: list[float]) -> float:
    """Median, because on a shared 2-core machine the mean is dragged by one noisy run."""
    return statistics.median(values) if values else math.nan


def spread(values: list[float]) -> tuple[float, float]:
    """(min, max), printed next to medians so readers can see how noisy a number is."""
    return (min(values), max(values)) if values else (math.nan, math.nan)


def growth_exponent(scales: list[float], values: list[float]) -> float:
    """Least-squares slope of log(value) against log(scale): 1.0 is linear, 2.0 quadratic.

    Needs at least two distinct scales; returns NaN otherwise.
    """
    points = [(math.log(s), math.log(v)) for s, v in zip(scales, values, strict=True) if s > 0 and v > 0]
    if len({x for x, _ in points}) < 2:
        return math.nan
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    num = sum((x - mean_x) * (y - mean_y) for x, y in points)
    den = sum((x - mean_x) ** 2 for x, _ in points)
    return num / den
