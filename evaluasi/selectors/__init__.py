"""Every read of the evaluasi app, scoped through evaluasi.access (STYLE.md: selectors)."""
