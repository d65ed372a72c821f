<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>BuilderTable</name>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Kích thước đầu ra</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Huấn luyện được</translation>
    </message>
    <message>
        <source>Non-trainable</source>
        <translation>Không huấn luyện được</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>Phép nhân-cộng (MAC)</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>Vùng tiếp nhận</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
</context>
<context>
    <name>FontZoom</name>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>Chữ &amp;lớn hơn</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>Chữ &amp;nhỏ hơn</translation>
    </message>
    <message>
        <source>&amp;Normal text</source>
        <translation>Chữ &amp;bình thường</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Shown in both languages whatever the interface is in now.</extracomment>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>&amp;Mở mô hình…</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>Mở &amp;ảnh…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Dán ảnh</translation>
    </message>
    <message>
        <source>&amp;Export window as PNG…</source>
        <translation>&amp;Xuất cửa sổ ra PNG…</translation>
    </message>
    <message>
        <source>Open training &amp;run…</source>
        <translation>Mở lượt &amp;huấn luyện…</translation>
    </message>
    <message>
        <source>Show a run directory (dlviz train --run DIR); follows it while it grows</source>
        <translation>Hiện một thư mục lượt huấn luyện (dlviz train --run DIR); theo dõi khi nó lớn dần</translation>
    </message>
    <message>
        <source>&amp;Resume training of this run</source>
        <translation>&amp;Tiếp tục huấn luyện lượt này</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Centre-crop images (keep aspect)</source>
        <translation>&amp;Cắt giữa ảnh (giữ tỉ lệ)</translation>
    </message>
    <message>
        <source>Off: the whole picture is resized to the model&apos;s input</source>
        <translation>Tắt: cả bức ảnh được co giãn theo đầu vào của mô hình</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>&amp;Training controls</source>
        <extracomment>Bump when the set of docks changes: a state saved by an older version is then ignored (Qt would otherwise restore a half-matching layout). The first-launch size: a common laptop and projector resolution.</extracomment>
        <translation>Bảng điều khiển &amp;huấn luyện</translation>
    </message>
    <message>
        <source>Data, optimiser and Start / Pause / Stop</source>
        <translation>Dữ liệu, bộ tối ưu và Bắt đầu / Tạm dừng / Dừng</translation>
    </message>
    <message>
        <source>&amp;Reset window layout</source>
        <translation>Đặt &amp;lại bố cục cửa sổ</translation>
    </message>
</context>
</TS>
