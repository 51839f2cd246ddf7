"""Kasus: the list of micro-level incidents (its form lives in ui/forms/incident_form.py)."""
