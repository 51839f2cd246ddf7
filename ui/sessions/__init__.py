"""Sesi Lautan RT: the list of sessions (its form lives in ui/forms/session_form.py)."""
