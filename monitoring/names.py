"""Comparing names across scripts and spellings: kept in the people registry, re-exported here."""

from people.names import fold_word, name_key, name_tokens, spellings, to_latin, word_spans

__all__ = ["fold_word", "name_key", "name_tokens", "spellings", "to_latin", "word_spans"]
