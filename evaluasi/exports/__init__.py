"""exports of the evaluasi app, one module per area."""
