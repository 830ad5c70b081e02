"""A horizontal bar chart drawn on the server as SVG: no script, and readable when printed.

The geometry is worked out here; templates/tools/partials/bar_chart.html draws it. Each bar
has its label above it and its value after it, so the chart stays legible when a narrow
screen scales it down. The chart is an image with a text description, and every page that
shows one shows a table of the same figures beside it.
"""

from dataclasses import dataclass

WIDTH = 400  # the drawing's own units; CSS scales it to the column
ROW_HEIGHT = 58
LABEL_GAP = 20  # from a label's baseline down to its bar
BAR_HEIGHT = 22
VALUE_ROOM = 118  # kept free after the longest bar for its value
TOP = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: int
    bar_y: int
    length: int
    value_x: int
    value_y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    bars: tuple


def bar_chart(title, rows):
    """A chart of (label, value, value text) rows, each bar as long as its share of the largest value."""
    largest = max((value for _, value, _ in rows), default=0)
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, value_text) in enumerate(rows):
        top = TOP + index * ROW_HEIGHT
        length = round(room * value / largest) if largest else 0
        bar_y = top + LABEL_GAP - 14
        bars.append(Bar(label, value_text, top, bar_y, length, length + 6, bar_y + BAR_HEIGHT - 6))
    description = "; ".join(f"{label}: {value_text}" for label, _, value_text in rows)
    return BarChart(title, f"{title}. {description}.", WIDTH, TOP + len(rows) * ROW_HEIGHT, tuple(bars))
