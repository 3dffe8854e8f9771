"""Geometry of the results' bar charts, drawn by the templates as SVG (no JavaScript).

Choices and places are horizontal bars on a 0–100 % scale, so that two charts compare at
a glance; distributions and months are vertical bars scaled to the tallest one. A split
("by") draws one bar per column of each row, coloured by column, with a legend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 640
LABEL_WIDTH = 230  # left part: the row's label
BAR_SPACE = 320  # then the bar at 100 %, then the figures
ROW_HEIGHT = 24
BAR_HEIGHT = 16
GROUPED_BAR = 11
VERTICAL_HEIGHT = 160
LABEL_CHARS = 36
# Colour-blind-safe palette (Okabe–Ito) for the columns of a split.
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"]
INK = "#2f6f5e"


@dataclass
class Bar:
    label: str
    full_label: str
    count: int
    percent: float
    x: float
    y: float
    width: float
    height: float
    colour: str = INK
    text_x: float = 0.0
    text_y: float = 0.0


@dataclass
class Chart:
    kind: str  # "horizontal", "grouped" or "vertical"
    width: int
    height: int
    bars: list[Bar]
    labels: list[Bar] = field(default_factory=list)  # row labels of a grouped chart
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)


def short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal(rows) -> Chart:
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        width = BAR_SPACE * min(row.percent, 100.0) / 100
        bars.append(
            Bar(
                label=short(row.label),
                full_label=row.label,
                count=row.count,
                percent=row.percent,
                x=LABEL_WIDTH,
                y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=width,
                height=BAR_HEIGHT,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + ROW_HEIGHT / 2 + 4,
            )
        )
    return Chart("horizontal", WIDTH, max(1, len(rows)) * ROW_HEIGHT, bars)


def grouped(rows, columns) -> Chart:
    """One bar per column in each row, its length the column percentage."""
    group = GROUPED_BAR * len(columns) + 8
    bars, labels = [], []
    for index, row in enumerate(rows):
        top = index * group
        labels.append(
            Bar(short(row.label), row.label, row.count, row.percent, 0, 0, 0, 0, text_y=top + 12)
        )
        for position, ((count, percent), column) in enumerate(zip(row.cells, columns, strict=True)):
            width = BAR_SPACE * min(percent, 100.0) / 100
            y = top + position * GROUPED_BAR
            bars.append(
                Bar(
                    label=short(column.label),
                    full_label=f"{row.label} / {column.label}",
                    count=count,
                    percent=percent,
                    x=LABEL_WIDTH,
                    y=y + 1,
                    width=width,
                    height=GROUPED_BAR - 2,
                    colour=PALETTE[position % len(PALETTE)],
                    text_x=LABEL_WIDTH + width + 4,
                    text_y=y + GROUPED_BAR - 2,
                )
            )
    legend = [(PALETTE[i % len(PALETTE)], c.label) for i, c in enumerate(columns)]
    return Chart("grouped", WIDTH, max(1, len(rows)) * group, bars, labels, legend)


def vertical(rows) -> Chart:
    top = max((row.count for row in rows), default=0) or 1
    slot = WIDTH / max(1, len(rows))
    bars = []
    for index, row in enumerate(rows):
        height = (VERTICAL_HEIGHT - 20) * row.count / top
        x = index * slot + slot * 0.1
        bars.append(
            Bar(
                label=short(row.label, 12),
                full_label=row.label,
                count=row.count,
                percent=row.percent,
                x=x,
                y=VERTICAL_HEIGHT - height,
                width=slot * 0.8,
                height=height,
                text_x=x,
                text_y=VERTICAL_HEIGHT - height - 4,
            )
        )
    return Chart("vertical", WIDTH, VERTICAL_HEIGHT, bars)


def for_result(result) -> Chart | None:
    """The chart of one question's result, or None (texts, nothing answered)."""
    if not result.rows:
        return None
    if result.columns:
        return grouped(result.rows, result.columns)
    if result.display in ("distribution", "months"):
        return vertical(result.rows)
    return horizontal(result.rows)
