"""Thin HTTP handlers, one module per resource group; the rules live in the store."""
