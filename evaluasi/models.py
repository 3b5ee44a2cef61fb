"""Periods, SKP, realisation, daily logs, ratings, objections, scores and rankings (a later issue)."""
