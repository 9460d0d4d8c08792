"""The ``postinterview`` command line: the group and runtime, one module per command family,
and the text and JSON output they share. Nothing here imports Textual or Rich."""
