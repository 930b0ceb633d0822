"""Widgets: the Line-API aligned view and small safe-text helpers."""
