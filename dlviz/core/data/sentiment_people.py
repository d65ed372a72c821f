"""Neutral filler clauses for the sentiment sentences: who did what where, and when.

They carry no opinion; they sit after the opinion (so the deciding words are
far from the end) or before it ("after work we went to the new place , the
food was great").
"""

from __future__ import annotations

EN_FILLER = {
    "connectives": ("and", "while", "when", "after", "before", "because", "as", "and then",
                    "even though", "so", "although", "but then"),
    "people": ("my cousin", "my brother", "our neighbour", "the driver", "a friend from work",
               "my parents", "the kids", "two old men", "a tourist", "my teacher",
               "the waiter", "a woman with a dog", "we", "i", "my wife", "my husband",
               "my friends", "everyone", "my mother", "my father", "my boss", "the children",
               "the people next to us", "my sister"),
    "actions": ("talked about", "asked about", "was looking for", "kept thinking about",
                "took a photo of", "walked past", "waited near", "wrote a note about",
                "told a story about", "pointed at", "walked along", "took photos of",
                "had to wait near", "went home past", "took the bus to", "drove to",
                "walked to", "looked at", "talked about work near", "went back to",
                "had lunch near", "met a friend at", "stopped at", "left early for",
                "ran to", "sat near"),
    "things": ("the old bridge", "the train station", "a small shop", "the weather",
               "the new school", "the river", "the parking lot", "a red bicycle",
               "the city map", "the market", "the tall tower", "an empty bottle",
               "the station", "the old market", "the beach", "the park", "the office",
               "the airport", "the hospital", "the city centre", "home", "the hotel",
               "the bus stop", "the corner"),
    "times": ("on a rainy tuesday", "late in the evening", "early in the morning",
              "last summer", "after work", "during the holiday", "on the way home",
              "around noon", "after dinner", "for an hour", "in the rain",
              "the whole way", "yesterday", "last night", "at the weekend",
              "after the rain stopped", "on sunday", "this morning", "", "", ""),
}

VI_FILLER = {
    "connectives": ("và", "trong khi", "khi", "sau khi", "trước khi", "vì", "lúc", "rồi",
                    "dù", "sau đó", "nên", "mặc dù", "còn"),
    "people": ("anh họ tôi", "em trai tôi", "hàng xóm", "bác tài xế", "một người bạn cùng công ty",
               "bố mẹ tôi", "bọn trẻ", "hai ông cụ", "một du khách", "cô giáo tôi",
               "anh phục vụ", "một chị dắt chó", "chúng tôi", "tôi", "vợ tôi", "chồng tôi",
               "bạn bè tôi", "mọi người", "mẹ tôi", "bố tôi", "sếp tôi", "lũ trẻ",
               "mấy người bàn bên", "chị tôi"),
    "actions": ("nói chuyện về", "hỏi về", "đang tìm", "cứ nghĩ về", "chụp ảnh",
                "đi ngang qua", "đứng chờ gần", "ghi chú về", "kể chuyện về", "chỉ tay vào",
                "đi dạo dọc", "chụp ảnh ở", "phải đứng chờ ở", "đi về qua", "đi xe buýt đến",
                "lái xe đến", "đi bộ đến", "nhìn", "bàn chuyện công việc gần", "quay lại",
                "ăn trưa gần", "gặp bạn ở", "dừng lại ở", "về sớm để đến", "chạy đến",
                "ngồi gần"),
    "things": ("cây cầu cũ", "nhà ga", "một cửa hàng nhỏ", "thời tiết", "ngôi trường mới",
               "dòng sông", "bãi đỗ xe", "một chiếc xe đạp đỏ", "bản đồ thành phố", "cái chợ",
               "tòa tháp cao", "một cái chai rỗng", "bờ sông", "cái chợ cũ", "bãi biển",
               "công viên", "văn phòng", "sân bay", "bệnh viện", "trung tâm thành phố",
               "nhà", "khách sạn", "bến xe buýt", "góc phố"),
    "times": ("vào một ngày thứ ba mưa", "vào buổi tối muộn", "vào sáng sớm",
              "mùa hè năm ngoái", "sau giờ làm", "trong kỳ nghỉ", "trên đường về nhà",
              "vào buổi trưa", "sau bữa tối", "cả tiếng đồng hồ", "dưới trời mưa",
              "suốt dọc đường", "hôm qua", "tối qua", "cuối tuần", "sau khi trời tạnh mưa",
              "hôm chủ nhật", "sáng nay", "hôm đó", "", "", ""),
}
