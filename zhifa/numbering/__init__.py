"""Gapless official numbers: case numbers (案件编号) and document numbers (文号), per bureau, kind and year."""
