"""The terminal interface: the Textual app, its screens, widgets, styles and command table."""
