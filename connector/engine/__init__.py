"""The sync engine's parts (the Connector in connector/sync.py drives them)."""
