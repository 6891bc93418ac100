"""Plotly figures for the insights page: one function per chart, small tables in, figures out."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from crampcare.insights import Insights

ACCENT = "#1f6f8b"
WARM = "#e07a5f"
LAYOUT = {
    # No plotly template: Streamlit's theme styles the chart in the browser, and the default
    # template would be copied and sent with every figure.
    "template": "none",
    "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    "height": 320,
    "plot_bgcolor": "rgba(0,0,0,0)",
    "paper_bgcolor": "rgba(0,0,0,0)",
    "showlegend": False,
}


def _figure(*traces: go.BaseTraceType, **layout) -> go.Figure:
    fig = go.Figure(list(traces))
    fig.update_layout(**{**LAYOUT, **layout})
    return fig


def count_axis(largest: float, title: str = "Cramps") -> dict:
    """An axis of counts: whole numbers only, from zero (plotly would show 0.5 cramps)."""
    step = max(1, math.ceil(largest / 6)) if largest <= 60 else None
    axis = {"title": title, "rangemode": "tozero", "tickformat": ",d"}
    return axis | ({"dtick": step, "tick0": 0} if step else {})


WEEK_AXIS = {"title": "Week starting (Mondays)", "type": "date", "tickformat": "%d %b"}
"""Weekly charts put each week at its Monday; the axis says so."""


def episodes_per_week(weekly: pd.DataFrame) -> go.Figure:
    return _figure(
        go.Bar(x=weekly["week"].tolist(), y=weekly["episodes"].to_numpy(), marker_color=ACCENT,
               hovertemplate="Week starting %{x|%a %d %b}: %{y} cramps<extra></extra>"),
        xaxis=WEEK_AXIS, yaxis=count_axis(weekly["episodes"].max()),
    )  # fmt: skip


def severity_over_time(weekly: pd.DataFrame) -> go.Figure:
    rated = weekly.dropna(subset=["mean_severity"])
    return _figure(
        go.Scatter(x=rated["week"].tolist(), y=rated["mean_severity"].to_numpy(), mode="lines+markers",
                   line={"color": WARM}, customdata=rated["rated"].to_numpy(),
                   hovertemplate="Week starting %{x|%a %d %b}: average %{y:.1f} "
                                 "from %{customdata} rated cramps<extra></extra>"),
        xaxis=WEEK_AXIS, yaxis={"range": [0, 10.5], "title": "Average severity that week (0-10)"},
    )  # fmt: skip


def plain(labels: pd.Series) -> pd.Series:
    """Labels typed by a person, escaped: plotly reads <b>, <a href> and friends in text."""
    return labels.map(lambda text: html.escape(text, quote=False))


def trigger_frequency(triggers: pd.DataFrame) -> go.Figure:
    top = triggers.head(15).iloc[::-1]
    return _figure(
        go.Bar(x=top["episodes"].to_numpy(), y=plain(top["trigger"]).tolist(), orientation="h",
               marker_color=ACCENT,
               hovertemplate="%{y}: %{x} cramps<extra></extra>"),
        height=max(220, 28 * len(top) + 40), xaxis=count_axis(top["episodes"].max()),
    )  # fmt: skip


def region_breakdown(regions: pd.DataFrame) -> go.Figure:
    ordered = regions.iloc[::-1]
    return _figure(
        go.Bar(x=ordered["episodes"].to_numpy(), y=ordered["region"].tolist(), orientation="h",
               marker_color=WARM,
               hovertemplate="%{y}: %{x} cramps<extra></extra>"),
        height=max(220, 32 * len(ordered) + 40), xaxis=count_axis(ordered["episodes"].max()),
    )  # fmt: skip


def time_of_day(grid: pd.DataFrame) -> go.Figure:
    return _figure(
        go.Heatmap(z=grid.to_numpy(), x=[f"{h:02d}" for h in grid.columns], y=list(grid.index),
                   colorscale=[[0, "#f4f8fa"], [1, ACCENT]], showscale=False,
                   hovertemplate="%{y} %{x}:00: %{z} cramps<extra></extra>"),
        height=300, xaxis_title="Hour of the day", yaxis={"autorange": "reversed"},
    )  # fmt: skip


def what_works(table: pd.DataFrame) -> go.Figure:
    labels = table["region"] + ": " + table["relief"]
    ordered = table.assign(label=labels).sort_values("score")
    return _figure(
        go.Bar(x=ordered["score"].to_numpy(dtype=float), y=ordered["label"].tolist(),
               orientation="h", marker_color=ACCENT, customdata=ordered["tried"].to_numpy(),
               hovertemplate="%{y}: score %{x:.2f} over %{customdata} tries<extra></extra>"),
        height=max(220, 28 * len(ordered) + 40),
        xaxis={"range": [0, 1], "title": "Helped (1 = every time)"},
    )  # fmt: skip


# The insights page's charts, in order: where each one's numbers come from, how it is drawn,
# what to say when there are none, and the column names its table shows.
@dataclass(frozen=True)
class Chart:
    """One chart of the insights page."""

    key: str
    title: str
    table: Callable[[Insights], pd.DataFrame]
    draw: Callable[[pd.DataFrame], go.Figure]
    empty: str
    note: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    """Column names as a person reads them, for 'Show the numbers as tables'."""
    layout: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    """Reshapes the chart's table for reading, where its index carries meaning."""

    def readable(self, table: pd.DataFrame) -> pd.DataFrame:
        """The chart's numbers as a table a person reads: named columns, no hidden index."""
        shaped = self.layout(table) if self.layout else table
        return shaped.rename(columns=self.columns)


NO_CRAMPS = "No cramps in these dates."
WEEK = "Week starting"
CHARTS = (
    Chart("weekly", "Cramps per week", lambda d: d.weekly[["week", "episodes"]],
          episodes_per_week, NO_CRAMPS, "Each bar is a week, from Monday to Sunday.",
          {"week": WEEK, "episodes": "Cramps"}),
    Chart("hours", "Time of day, by weekday", lambda d: d.hour_weekday, time_of_day, NO_CRAMPS,
          "Darker squares: more cramps at that hour. Night cramps show up on the left and far right.",
          layout=lambda grid: grid.rename(columns=lambda h: f"{h:02d}:00").rename_axis("Day").reset_index()),
    Chart("triggers", "Triggers", lambda d: d.triggers, trigger_frequency,
          "No triggers noted yet. Add them when you log a cramp: it is how patterns show up.",
          columns={"trigger": "Trigger", "episodes": "Cramps"}),
    Chart("regions", "Where", lambda d: d.regions, region_breakdown, NO_CRAMPS,
          columns={"region": "Where", "episodes": "Cramps"}),
    Chart("severity", "Average severity, week by week",
          lambda d: d.weekly.dropna(subset=["mean_severity"])[["week", "mean_severity", "rated"]],
          severity_over_time,
          "No severities noted yet. Rate a cramp from 0 to 10 when you log it.",
          "Each point is the average of the cramps you rated that week (Monday to Sunday).",
          {"week": WEEK, "mean_severity": "Average severity (0-10)", "rated": "Rated cramps"}),
    Chart("works", "What works for me", lambda d: d.what_works, what_works,
          "Nothing to rank yet. When you log a cramp, tick what you tried and whether it helped.",
          "Score: 1 = helped every time, 0.5 = partly, 0 = never. Few tries make a shaky score.",
          {"region": "Where", "relief": "Relief", "tried": "Tried", "helped": "Helped",
           "partly": "Partly", "did not help": "Didn't help", "score": "Score"}),
)  # fmt: skip

ASSOCIATION_COLUMNS = {
    "trigger": "Trigger", "days with": "Days with it", "cramp days with": "With a cramp",
    "% with": "% with a cramp", "days without": "Days without it",
    "cramp days without": "Without it, with a cramp", "% without": "% without it, with a cramp",
}  # fmt: skip
