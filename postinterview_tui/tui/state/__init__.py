"""What screens show, loaded from the store off the UI thread (the board's columns)."""
