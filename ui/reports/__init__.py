"""Laporan: the report screen, its trend chart, the report PDF and the surat rujukan PDF.

The report data (summaries, suppression, XLSX/CSV) lives in :mod:`rt_desktop.reports`; this
package only shows and prints it. :mod:`ui.reports.pdf` and :mod:`ui.reports.referral_letter`
also run headless (``rt-desktop export --format pdf``) and on the database worker thread.
"""
