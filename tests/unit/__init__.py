"""Unit tests for the pure domain package (a package so module names cannot clash with other suites)."""
