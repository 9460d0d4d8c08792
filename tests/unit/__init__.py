"""Unit tests for the pure domain (a package, so module names cannot clash with other suites)."""
