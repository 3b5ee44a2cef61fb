"""Every write of the evaluasi app, one module per area (STYLE.md: services)."""
