"""Comparing names across scripts and spellings.

The same person is written Сейткали, Seitkali or Seytkaly. A name key folds
Cyrillic (Russian and Kazakh letters) into Latin and then folds the letters
transliterations disagree on (y/i, kh/h, j/zh, …), so those spellings share
one key. Keys are for finding candidates; a person decides.
"""

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Latin spellings that vary between transliteration systems, folded to one form; order matters.
_FOLDS = [
    ("kh", "h"),
    ("zh", "j"),
    ("dzh", "j"),
    ("yu", "u"),
    ("ya", "a"),
    ("iu", "u"),
    ("ia", "a"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
    ("ee", "e"),
    ("ii", "i"),
]
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def to_latin(text: str) -> str:
    lowered = unicodedata.normalize("NFC", text).casefold()
    return "".join(_CYRILLIC.get(ch, ch) for ch in lowered)


def fold_word(word: str) -> str:
    folded = unicodedata.normalize("NFKD", to_latin(word))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    # A word-initial Е is written Ye as often as E (Ерлан, Yerlan, Erlan).
    folded = re.sub(r"^ie", "e", folded)
    return re.sub(r"(.)\1+", r"\1", folded)


def name_tokens(name: str) -> list[str]:
    """The folded words of a name, skipping initials."""
    return [fold_word(w) for w in _WORD.findall(name) if len(w) > 1]


def name_key(name: str) -> str:
    """One key for a name whatever its script or word order: the folded words, sorted."""
    return " ".join(sorted(name_tokens(name)))


def spellings(full_name: str, other_names: str = "") -> list[str]:
    """A person's name and each of their other recorded spellings."""
    names = [full_name, *re.split(r"[;,\n]", other_names)]
    return [n.strip() for n in names if n.strip()]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of a text with its position and its folded form."""
    return [(m.start(), m.end(), fold_word(m.group())) for m in _WORD.finditer(text)]
