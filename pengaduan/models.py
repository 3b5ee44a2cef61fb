"""Public complaints, the SLA calendar and satisfaction surveys (SKM/IKM) (a later issue)."""
