"""Character classes shared by the cleaning steps (regex fragments, compiled by the users)."""

#: Han ideographs (URO + extension A + compatibility ideographs).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width / CJK punctuation that sits next to Han text (quotes, brackets, dashes, ellipsis).
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·"
#: Anything "Chinese" for the purpose of deciding whether half-width punctuation is in Chinese text.
CJK = HAN + CJK_PUNCT
#: Sentence-final punctuation: a paragraph ending in one of these really ended there.
TERMINAL = "。！？；：…”’」』）)!?;:"
