"""reader: a keyboard-driven terminal reader for parallel zh / vi / en texts."""

__version__ = "0.1.0"
