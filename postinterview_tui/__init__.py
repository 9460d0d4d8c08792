"""postinterview: a keyboard-driven terminal app for the weeks after a job interview."""

__version__ = "0.1.0"
