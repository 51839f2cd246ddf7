"""Record forms: Sesi Lautan RT and Kasus, built on one framework (ui/forms/base.py)."""
