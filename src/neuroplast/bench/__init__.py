"""Benchmarks that back every claim neuroplast makes; ``benchmarks/*.py`` are thin scripts
over these modules and ``neuroplast bench`` runs them from the CLI."""
