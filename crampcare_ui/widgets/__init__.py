"""Widgets used on more than one page, or big enough to stand on their own."""
