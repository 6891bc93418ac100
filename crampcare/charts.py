"""Plotly figures for the insights page: one function per chart, small tables in, figures out."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

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


def episodes_per_week(weekly: pd.DataFrame) -> go.Figure:
    return _figure(
        go.Bar(x=weekly["week"].tolist(), y=weekly["episodes"].to_numpy(), marker_color=ACCENT,
               hovertemplate="Week of %{x}: %{y} cramps<extra></extra>"),
        xaxis_title=None, yaxis_title="Cramps",
    )  # fmt: skip


def severity_over_time(weekly: pd.DataFrame) -> go.Figure:
    rated = weekly.dropna(subset=["mean_severity"])
    return _figure(
        go.Scatter(x=rated["week"].tolist(), y=rated["mean_severity"].to_numpy(), mode="lines+markers",
                   line={"color": WARM}, hovertemplate="Week of %{x}: %{y:.1f}<extra></extra>"),
        yaxis={"range": [0, 10.5], "title": "Average severity (0-10)"},
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
        height=max(220, 28 * len(top) + 40), xaxis_title="Cramps",
    )  # fmt: skip


def region_breakdown(regions: pd.DataFrame) -> go.Figure:
    ordered = regions.iloc[::-1]
    return _figure(
        go.Bar(x=ordered["episodes"].to_numpy(), y=ordered["region"].tolist(), orientation="h",
               marker_color=WARM,
               hovertemplate="%{y}: %{x} cramps<extra></extra>"),
        height=max(220, 32 * len(ordered) + 40), xaxis_title="Cramps",
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
# and what to say when there are none.
@dataclass(frozen=True)
class Chart:
    """One chart of the insights page."""

    key: str
    title: str
    table: Callable[[Insights], pd.DataFrame]
    draw: Callable[[pd.DataFrame], go.Figure]
    empty: str
    note: str = ""


NO_CRAMPS = "No cramps in these dates."
CHARTS = (
    Chart("weekly", "Cramps per week", lambda d: d.weekly[["week", "episodes"]],
          episodes_per_week, NO_CRAMPS),
    Chart("hours", "Time of day, by weekday", lambda d: d.hour_weekday, time_of_day,
          NO_CRAMPS,
          "Darker squares: more cramps at that hour. Night cramps show up on the left and far right."),
    Chart("triggers", "Triggers", lambda d: d.triggers, trigger_frequency,
          "No triggers noted yet. Add them when you log a cramp: it is how patterns show up."),
    Chart("regions", "Where", lambda d: d.regions, region_breakdown, NO_CRAMPS),
    Chart("severity", "Severity over time",
          lambda d: d.weekly.dropna(subset=["mean_severity"])[["week", "mean_severity"]],
          severity_over_time,
          "No severities noted yet. Rate a cramp from 0 to 10 when you log it."),
    Chart("works", "What works for me", lambda d: d.what_works, what_works,
          "Nothing to rank yet. When you log a cramp, tick what you tried and whether it helped.",
          "Score: 1 = helped every time, 0.5 = partly, 0 = never. Few tries make a shaky score."),
)  # fmt: skip
