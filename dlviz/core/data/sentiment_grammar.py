"""The word lists the sentiment sentences are made from, English and Vietnamese.

Each language has the same parts: a subject, an optional lead-in, positive,
negative and neutral adjectives, negations, intensifiers, neutral endings
for a negated adjective ("at all", "chút nào"), neutral phrases that use
polarity words ("neither good nor bad", "không tốt cũng không tệ") and the
pieces of neutral filler clauses (people, actions, things, times) that come
after the opinion, so that the deciding words sit far from the end.
Vietnamese adjectives need no copula ("đồ ăn ngon": the food is tasty); its
``copulas`` are optional topic markers and hedges ("thì", "có vẻ").
"""

from __future__ import annotations

EN = {
    "subjects": ("the food", "the service", "this film", "the hotel room", "the new phone",
                 "this book", "the concert", "the coffee", "the game", "the lesson",
                 "the museum", "the bus ride", "the show", "the soup", "the app"),
    "copulas": ("was", "is", "seemed", "felt", "looked", "sounded"),
    "leads": ("honestly ,", "to be fair ,", "i think", "my sister said that", "overall",
              "in my opinion", "we all agreed that", "i have to say that"),
    "positive": ("good", "great", "nice", "excellent", "wonderful", "pleasant",
                 "fantastic", "lovely", "enjoyable"),
    "negative": ("bad", "terrible", "awful", "poor", "boring", "disappointing",
                 "horrible", "dull", "unpleasant"),
    "neutral": ("average", "ordinary", "okay", "so so", "standard", "typical",
                "acceptable", "nothing special"),
    "negations": ("not", "never", "not really"),
    "intensifiers": ("very", "really", "quite", "truly", "so", "", "", ""),
    "negated_tails": ("at all", "", ""),
    # {p}: a positive adjective, {n}: a negative one.
    "mixed": ("neither {p} nor {n}", "not {p} , not {n}", "not {n} but not {p} either",
              "somewhere between {p} and {n}"),
    "connectives": ("and", "while", "when", "after", "before", "because", "as"),
    "people": ("my cousin", "my brother", "our neighbour", "the driver", "a friend from work",
               "my parents", "the kids", "two old men", "a tourist", "my teacher",
               "the waiter", "a woman with a dog"),
    "actions": ("talked about", "asked about", "was looking for", "kept thinking about",
                "took a photo of", "walked past", "waited near", "wrote a note about",
                "told a story about", "pointed at"),
    "things": ("the old bridge", "the train station", "a small shop", "the weather",
               "the new school", "the river", "the parking lot", "a red bicycle",
               "the city map", "the market", "the tall tower", "an empty bottle"),
    "times": ("on a rainy tuesday", "late in the evening", "early in the morning",
              "last summer", "after work", "during the holiday", "on the way home",
              "around noon", "", "", ""),
}

VI = {
    "subjects": ("đồ ăn", "dịch vụ", "bộ phim này", "phòng khách sạn", "điện thoại mới",
                 "cuốn sách này", "buổi hòa nhạc", "cà phê", "trò chơi", "bài giảng",
                 "bảo tàng", "chuyến xe buýt", "chương trình", "món súp", "ứng dụng"),
    "copulas": ("", "thì", "có vẻ", "nhìn chung", "hóa ra"),
    "leads": ("thật lòng mà nói ,", "công bằng mà nói ,", "tôi nghĩ", "chị tôi bảo rằng",
              "nói chung", "theo tôi", "chúng tôi đều thấy", "phải nói rằng"),
    "positive": ("tốt", "ngon", "hay", "tuyệt vời", "dễ chịu", "xuất sắc", "thú vị",
                 "đẹp", "tuyệt"),
    "negative": ("tệ", "dở", "kém", "chán", "tồi", "khó chịu", "nhạt nhẽo", "tồi tệ",
                 "đáng thất vọng"),
    "neutral": ("bình thường", "tạm được", "cũng được", "trung bình", "không có gì đặc biệt",
                "như mọi khi", "vừa phải"),
    "negations": ("không", "chẳng", "không hề"),
    "intensifiers": ("rất", "thật", "khá", "quá", "", "", ""),
    "negated_tails": ("chút nào", "", ""),
    "mixed": ("không {p} cũng không {n}", "chẳng {p} mà cũng chẳng {n}",
              "không {n} nhưng cũng không {p}", "nửa {p} nửa {n}"),
    "connectives": ("và", "trong khi", "khi", "sau khi", "trước khi", "vì", "lúc"),
    "people": ("anh họ tôi", "em trai tôi", "hàng xóm", "bác tài xế", "một người bạn cùng công ty",
               "bố mẹ tôi", "bọn trẻ", "hai ông cụ", "một du khách", "cô giáo tôi",
               "anh phục vụ", "một chị dắt chó"),
    "actions": ("nói chuyện về", "hỏi về", "đang tìm", "cứ nghĩ về", "chụp ảnh",
                "đi ngang qua", "đứng chờ gần", "ghi chú về", "kể chuyện về", "chỉ tay vào"),
    "things": ("cây cầu cũ", "nhà ga", "một cửa hàng nhỏ", "thời tiết", "ngôi trường mới",
               "dòng sông", "bãi đỗ xe", "một chiếc xe đạp đỏ", "bản đồ thành phố", "cái chợ",
               "tòa tháp cao", "một cái chai rỗng"),
    "times": ("vào một ngày thứ ba mưa", "vào buổi tối muộn", "vào sáng sớm",
              "mùa hè năm ngoái", "sau giờ làm", "trong kỳ nghỉ", "trên đường về nhà",
              "vào buổi trưa", "", "", ""),
}

GRAMMARS = {"en": EN, "vi": VI}
