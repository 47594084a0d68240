"""Spelling and grammar, offline: the words to check (tokenizer), Hunspell's
dictionaries through spylls (dictionaries), the accepted words (wordlists), French
grammar through Grammalecte (grammar). No Qt: the window's part is ui/spell_*.py."""
