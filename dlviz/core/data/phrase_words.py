"""The word lists of the phrase task (:mod:`~dlviz.core.data.phrases`), English and Vietnamese.

Each entry pairs English words with their Vietnamese words; where one side
has words in another order, the entry is split into pieces that the
generator places in each language's own order (a possessor after its noun,
adjectives after their noun, "last week" -> "tuần trước"). Vietnamese is
written in NFC (one code point per letter with its marks).
"""

from __future__ import annotations

#: Plain subjects: (English, Vietnamese), third person singular.
SUBJECTS = (
    ("the student", "sinh viên"), ("the teacher", "giáo viên"), ("the doctor", "bác sĩ"),
    ("the farmer", "người nông dân"), ("the child", "đứa trẻ"), ("the girl", "cô gái"),
    ("the boy", "cậu bé"), ("he", "anh ấy"), ("she", "cô ấy"),
)
#: Possessed subjects: (possessor, its Vietnamese, noun, its Vietnamese); the
#: possessor comes first in English, after the noun in Vietnamese.
POSSESSORS = (("my", "của tôi"), ("his", "của anh ấy"), ("her", "của cô ấy"))
KIN = (("mother", "mẹ"), ("father", "bố"), ("sister", "chị gái"), ("friend", "bạn"),
       ("teacher", "giáo viên"))

#: Nouns: English singular, plural, Vietnamese classifier + noun, may take a colour.
NOUNS = {
    "book": ("books", "quyển sách", True), "letter": ("letters", "lá thư", False),
    "newspaper": ("newspapers", "tờ báo", False), "car": ("cars", "chiếc xe", True),
    "bicycle": ("bicycles", "chiếc xe đạp", True), "shirt": ("shirts", "chiếc áo", True),
    "house": ("houses", "ngôi nhà", True), "cat": ("cats", "con mèo", True),
    "dog": ("dogs", "con chó", True), "bird": ("birds", "con chim", True),
    "picture": ("pictures", "bức tranh", False), "bowl": ("bowls", "cái bát", True),
    "table": ("tables", "cái bàn", True), "flower": ("flowers", "bông hoa", True),
}
#: Verbs: present (3rd person), past, Vietnamese, the nouns they take.
VERBS = (
    ("reads", "read", "đọc", ("book", "letter", "newspaper")),
    ("writes", "wrote", "viết", ("letter", "book")),
    ("buys", "bought", "mua", ("car", "bicycle", "shirt", "house", "book", "flower",
                               "table", "bowl", "newspaper")),
    ("sees", "saw", "thấy", ("car", "house", "cat", "dog", "bird", "picture", "flower")),
    ("draws", "drew", "vẽ", ("house", "cat", "dog", "bird", "flower", "car", "picture")),
    ("washes", "washed", "rửa", ("car", "bowl", "bicycle")),
    ("likes", "liked", "thích", ("car", "house", "cat", "dog", "picture", "shirt", "flower")),
    ("finds", "found", "tìm thấy", ("book", "letter", "cat", "dog")),
    ("sells", "sold", "bán", ("car", "bicycle", "house", "book", "flower", "table")),
    ("cleans", "cleaned", "lau", ("table", "car", "bowl")),
)
#: How many: English, Vietnamese, plural.
NUMBERS = (("a", "một", False), ("a", "một", False), ("two", "hai", True),
           ("three", "ba", True))
#: Adjectives of size or age (after the noun in Vietnamese).
SIZES = (("big", "lớn"), ("small", "nhỏ"), ("new", "mới"), ("old", "cũ"),
         ("beautiful", "đẹp"))
#: Colours ("màu đỏ", after the noun and its size in Vietnamese).
COLOURS = (("red", "màu đỏ"), ("blue", "màu xanh"), ("yellow", "màu vàng"),
           ("black", "màu đen"), ("white", "màu trắng"), ("green", "màu xanh lá cây"))
#: Places: (preposition, Vietnamese, place, Vietnamese), the same order in both.
PLACES = (("in", "trong", "the library", "thư viện"), ("at", "ở", "school", "trường"),
          ("at", "ở", "home", "nhà"), ("in", "trong", "the park", "công viên"),
          ("at", "ở", "the market", "chợ"), ("in", "trong", "the kitchen", "bếp"),
          ("in", "trong", "the garden", "vườn"))
#: Times: pieces (English, Vietnamese) in English order, the Vietnamese order of
#: the pieces, and whether the verb is in the past. A time ends the English
#: sentence and starts the Vietnamese one.
TIMES = (
    ((("yesterday", "hôm qua"),), (0,), True),
    ((("last", "trước"), ("week", "tuần")), (1, 0), True),
    ((("this", "nay"), ("morning", "sáng")), (1, 0), True),
    ((("last", "qua"), ("night", "tối")), (1, 0), True),
    ((("every", "mỗi"), ("day", "ngày")), (0, 1), False),
    ((("every", "mỗi"), ("morning", "sáng")), (0, 1), False),
    ((("on", "vào"), ("sundays", "chủ nhật")), (0, 1), False),
)
