"""Competency dictionary, position standards, assessments, gaps and development (a later issue)."""
