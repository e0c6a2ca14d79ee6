"""The reporting rate by year as the bars of an SVG chart: the geometry is computed here, the
template only draws it (no script, no inline style: the Content Security Policy forbids them)."""

from dataclasses import dataclass

from .status import YearRate

WIDTH = 720
HEIGHT = 240
TOP, BOTTOM, LEFT, RIGHT = 16, 36, 40, 8
GRID = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    year: int
    percent: int | None
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class GridLine:
    percent: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right_edge: int
    baseline: float
    bars: list[Bar]
    grid: list[GridLine]


def rate_chart(rates: list[YearRate]) -> Chart:
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / max(len(rates), 1)
    baseline = TOP + plot_height
    bars = []
    for index, rate in enumerate(rates):
        percent = rate.percent
        height = plot_height * (percent or 0) / 100
        bars.append(
            Bar(
                year=rate.year,
                percent=percent,
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
            )
        )
    grid = [GridLine(p, round(baseline - plot_height * p / 100, 1)) for p in GRID]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, bars, grid)
