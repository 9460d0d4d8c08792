"""The one command table: keys, footer, help, palette and the README's tables."""
