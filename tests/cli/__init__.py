"""Tests for the ``postinterview`` command line (a package so module names cannot clash)."""
