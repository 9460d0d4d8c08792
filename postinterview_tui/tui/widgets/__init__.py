"""Reusable widgets for the board and other screens (they post messages; screens coordinate)."""
