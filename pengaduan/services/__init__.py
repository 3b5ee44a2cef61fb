"""Writes for complaints and surveys, one module per area: `kalender` (holidays and due
dates), `publik` (filing and tracking), `alur` (the officers' workflow), `skm` (surveys)."""
