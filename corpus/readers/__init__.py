"""Readers: a source file (text, HTML page, PDF) → numbered lines, page furniture removed."""
