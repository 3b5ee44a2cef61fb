"""FilterSets of the evaluasi pages, one module per area."""
