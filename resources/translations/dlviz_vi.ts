<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>ActivationExplainer</name>
    <message>
        <source>An activation function makes a layer non-linear. In backpropagation the gradient is multiplied by the activation&apos;s derivative at every layer it passes, so where the derivative is near zero (shaded) the gradient vanishes. Sigmoid&apos;s derivative is at most 0.25: through many layers the gradient shrinks like 0.25 to the power of the depth, and the first layers stop learning.</source>
        <translation>Hàm kích hoạt làm cho một tầng trở nên phi tuyến. Khi lan truyền ngược, gradient được nhân với đạo hàm của hàm kích hoạt ở mỗi tầng nó đi qua, nên ở nơi đạo hàm gần bằng 0 (vùng tô màu) gradient bị triệt tiêu. Đạo hàm của sigmoid tối đa là 0,25: qua nhiều tầng, gradient nhỏ đi như 0,25 mũ số tầng, và các tầng đầu ngừng học.</translation>
    </message>
    <message>
        <source>derivative</source>
        <translation>đạo hàm</translation>
    </message>
    <message>
        <source>Layers = {0}</source>
        <translation>Số tầng = {0}</translation>
    </message>
    <message>
        <source>Leaky ReLU α = {0}</source>
        <translation>Leaky ReLU α = {0}</translation>
    </message>
    <message>
        <source>PReLU α = {0}</source>
        <translation>PReLU α = {0}</translation>
    </message>
    <message>
        <source>Best case through {0} layers: max|f′| = {1}, and {1}&lt;sup&gt;{0}&lt;/sup&gt; = &lt;b&gt;{2}&lt;/b&gt;.</source>
        <translation>Trường hợp tốt nhất qua {0} tầng: max|f′| = {1}, và {1}&lt;sup&gt;{0}&lt;/sup&gt; = &lt;b&gt;{2}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Shaded: |f′(x)| &lt; {0}.</source>
        <translation>Vùng tô màu: |f′(x)| &lt; {0}.</translation>
    </message>
    <message>
        <source>ReLU&apos;s derivative is 1 for x &gt; 0, so active units pass the gradient unchanged; for x &lt; 0 it is 0: a unit that is always negative stops learning (&apos;dying ReLU&apos;).</source>
        <translation>Đạo hàm của ReLU bằng 1 khi x &gt; 0, nên nơ-ron đang hoạt động truyền gradient nguyên vẹn; khi x &lt; 0 đạo hàm bằng 0: nơ-ron luôn âm sẽ ngừng học (&apos;ReLU chết&apos;).</translation>
    </message>
    <message>
        <source>Leaky ReLU keeps a small slope α for x &lt; 0, so the gradient is never exactly zero.</source>
        <translation>Leaky ReLU giữ một độ dốc nhỏ α khi x &lt; 0, nên gradient không bao giờ bằng đúng 0.</translation>
    </message>
    <message>
        <source>PReLU is Leaky ReLU whose slope α is learnt in training; here α is set by the slider.</source>
        <translation>PReLU là Leaky ReLU có độ dốc α được học trong quá trình huấn luyện; ở đây α do thanh trượt đặt.</translation>
    </message>
    <message>
        <source>ELU bends smoothly towards −1 for negative x; its derivative eˣ fades there, but it is 1 for all x &gt; 0.</source>
        <translation>ELU uốn cong mượt về −1 khi x âm; đạo hàm eˣ của nó nhỏ dần ở đó, nhưng bằng 1 với mọi x &gt; 0.</translation>
    </message>
    <message>
        <source>GELU weighs x by the chance that a standard normal value is below x: smooth, slightly negative near −1, and its derivative fades for very negative x.</source>
        <translation>GELU nhân x với xác suất một giá trị chuẩn tắc nhỏ hơn x: trơn, hơi âm quanh −1, và đạo hàm nhỏ dần khi x rất âm.</translation>
    </message>
    <message>
        <source>tanh squashes into (−1, 1); its derivative 1 − tanh² is at most 1 and fades once |x| &gt; 2: saturated units pass almost no gradient.</source>
        <translation>tanh nén giá trị vào (−1, 1); đạo hàm 1 − tanh² tối đa là 1 và nhỏ dần khi |x| &gt; 2: nơ-ron bão hòa hầu như không truyền gradient.</translation>
    </message>
    <message>
        <source>sigmoid squashes into (0, 1); its derivative σ(1 − σ) is at most 0.25, so each sigmoid layer divides the gradient by at least 4 and it vanishes through many layers.</source>
        <translation>sigmoid nén giá trị vào (0, 1); đạo hàm σ(1 − σ) tối đa là 0,25, nên mỗi tầng sigmoid chia gradient cho ít nhất 4 và gradient bị triệt tiêu qua nhiều tầng.</translation>
    </message>
    <message>
        <source>softmax turns scores into probabilities; shown: the first of three outputs with the other two scores at 0. Its derivative s(1 − s) is at most 0.25 and fades when one score dominates.</source>
        <translation>softmax biến các điểm số thành xác suất; hình vẽ: đầu ra thứ nhất trong ba đầu ra, hai điểm số kia bằng 0. Đạo hàm s(1 − s) tối đa là 0,25 và nhỏ dần khi một điểm số áp đảo.</translation>
    </message>
</context>
<context>
    <name>AttentionExportMixin</name>
    <message>
        <source>Export SVG…</source>
        <translation>Xuất SVG…</translation>
    </message>
    <message>
        <source>Save this view as an SVG drawing (tokens stay text)</source>
        <translation>Lưu khung nhìn này thành hình vẽ SVG (các token vẫn là chữ)</translation>
    </message>
    <message>
        <source>Could not write {0}.</source>
        <translation>Không ghi được {0}.</translation>
    </message>
</context>
<context>
    <name>AttentionGrid</name>
    <message>
        <source>weight α (each row sums to 1)</source>
        <extracomment>The colour map of the weights (perceptually uniform: brighter = more weight). Output tokens beyond this many can be zoomed along y too.</extracomment>
        <translation>trọng số α (mỗi hàng có tổng bằng 1)</translation>
    </message>
</context>
<context>
    <name>AttentionText</name>
    <message>
        <source>Hover over a cell for its weight; scroll to zoom along the source, drag to pan, double-click to see it all.</source>
        <extracomment>Marked for the catalogue; shown through ``translated``.</extracomment>
        <translation>Di chuột lên một ô để xem trọng số; cuộn để phóng to theo chuỗi nguồn, kéo để dịch, nhấp đúp để xem toàn bộ.</translation>
    </message>
    <message>
        <source>α = softmax(e) over the source tokens · context c = Σ α h̄</source>
        <translation>α = softmax(e) trên các token nguồn · ngữ cảnh c = Σ α h̄</translation>
    </message>
    <message>
        <source>α = softmax(e) over the keys · output = Σ α v</source>
        <translation>α = softmax(e) trên các khóa · đầu ra = Σ α v</translation>
    </message>
    <message>
        <source>source tokens (what the model reads) →</source>
        <extracomment>Axis titles (x, y) for an encoder-decoder, and for a layer&apos;s queries and keys.</extracomment>
        <translation>token nguồn (những gì mô hình đọc) →</translation>
    </message>
    <message>
        <source>← output tokens (what it writes)</source>
        <translation>← token đầu ra (những gì nó viết)</translation>
    </message>
    <message>
        <source>keys: the tokens looked at →</source>
        <translation>khóa: các token được nhìn tới →</translation>
    </message>
    <message>
        <source>← queries: the tokens looking</source>
        <translation>← truy vấn: các token đang nhìn</translation>
    </message>
    <message>
        <source> · {0} heads</source>
        <extracomment>The typed text and the output are cut to this many characters each.</extracomment>
        <translation> · {0} đầu</translation>
    </message>
    <message>
        <source> · training step {0}</source>
        <translation> · bước huấn luyện {0}</translation>
    </message>
    <message>
        <source>Attention · layer “{0}” of {1}</source>
        <translation>Chú ý · tầng “{0}” của {1}</translation>
    </message>
    <message>
        <source>Score {0} · {1}</source>
        <translation>Hàm tính điểm {0} · {1}</translation>
    </message>
    <message>
        <source>{0} source tokens across, {1} output tokens down. Each row is one output token: where the model looked in the source while writing it (bright = much).</source>
        <translation>{0} token nguồn theo chiều ngang, {1} token đầu ra theo chiều dọc. Mỗi hàng là một token đầu ra: mô hình đã nhìn vào đâu trong chuỗi nguồn khi viết nó (sáng = nhiều).</translation>
    </message>
    <message>
        <source>{0} keys across, {1} queries down. Each row is one query token: how much it takes from each token across (bright = much).</source>
        <translation>{0} khóa theo chiều ngang, {1} truy vấn theo chiều dọc. Mỗi hàng là một token truy vấn: nó lấy bao nhiêu từ mỗi token theo chiều ngang (sáng = nhiều).</translation>
    </message>
    <message>
        <source>(self-attention: each token over the others)</source>
        <translation>(tự chú ý: mỗi token trên các token khác)</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <source>All heads</source>
        <extracomment>Live frames are drawn at most this often (the newest wins meanwhile). The overview tab&apos;s key (its tab shows it translated; tabs keep their key as data).</extracomment>
        <translation>Mọi đầu</translation>
    </message>
    <message>
        <source>No attention to show</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có trọng số chú ý để hiển thị</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Chú ý</translation>
    </message>
    <message>
        <source>Type a sentence above: the attention of each output token over the source tokens appears here.</source>
        <translation>Gõ một câu ở trên: trọng số chú ý của mỗi token đầu ra trên các token nguồn sẽ hiện ở đây.</translation>
    </message>
    <message>
        <source>Which attention layer to show</source>
        <translation>Tầng chú ý cần hiển thị</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Stretch colours to the largest weight</source>
        <translation>Giãn màu theo trọng số lớn nhất</translation>
    </message>
    <message>
        <source>Over a long text the weights are spread thin and look alike on 0..1: draw 0 to the largest weight shown instead</source>
        <translation>Với văn bản dài, trọng số bị dàn mỏng và trông giống nhau trên thang 0..1: thay vào đó vẽ từ 0 đến trọng số lớn nhất đang hiển thị</translation>
    </message>
    <message>
        <source>Nothing to read</source>
        <translation>Không có gì để đọc</translation>
    </message>
    <message>
        <source>Reading the text again at {0}…</source>
        <translation>Đang đọc lại văn bản tại {0}…</translation>
    </message>
</context>
<context>
    <name>AugmentGroup</name>
    <message>
        <source>Scale (zoom)</source>
        <translation>Tỉ lệ (phóng to)</translation>
    </message>
    <message>
        <source>RandomZoom: zoom in or out by up to this fraction</source>
        <translation>RandomZoom: phóng to hoặc thu nhỏ tối đa theo tỉ lệ này</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Xoay</translation>
    </message>
    <message>
        <source>RandomRotation: up to this fraction of a full turn</source>
        <translation>RandomRotation: xoay tối đa bằng tỉ lệ này của một vòng</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Tịnh tiến</translation>
    </message>
    <message>
        <source>RandomTranslation: shift by up to this fraction of the width and height</source>
        <translation>RandomTranslation: dịch tối đa bằng tỉ lệ này của chiều rộng và chiều cao</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Độ sáng</translation>
    </message>
    <message>
        <source>RandomBrightness: change by up to this factor</source>
        <translation>RandomBrightness: thay đổi tối đa theo hệ số này</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Độ tương phản</translation>
    </message>
    <message>
        <source>RandomContrast: change by up to this factor</source>
        <translation>RandomContrast: thay đổi tối đa theo hệ số này</translation>
    </message>
    <message>
        <source>Noise (σ)</source>
        <translation>Nhiễu (σ)</translation>
    </message>
    <message>
        <source>GaussianNoise: standard deviation on [0, 1] pixels</source>
        <translation>GaussianNoise: độ lệch chuẩn trên điểm ảnh trong [0, 1]</translation>
    </message>
    <message>
        <source>Data augmentation (0 = off)</source>
        <translation>Tăng cường dữ liệu (0 = tắt)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Xem trước…</translation>
    </message>
    <message>
        <source>Show a grid of augmented training samples</source>
        <translation>Hiện một lưới các mẫu huấn luyện đã được tăng cường</translation>
    </message>
</context>
<context>
    <name>AugmentPreviewDialog</name>
    <message>
        <source>Augmentation preview</source>
        <translation>Xem trước tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Augmented samples</source>
        <translation>Các mẫu đã tăng cường</translation>
    </message>
    <message>
        <source>Top-left: the original.  The others: the same image as the model may see it in training.</source>
        <translation>Góc trên-trái: ảnh gốc.  Các ảnh khác: cùng ảnh đó như mô hình có thể thấy khi huấn luyện.</translation>
    </message>
    <message>
        <source>Augmented samples: {0}</source>
        <translation>Các mẫu đã tăng cường: {0}</translation>
    </message>
</context>
<context>
    <name>BuilderController</name>
    <message>
        <source>A model is training: stop it in the Training controls, then press &quot;From current model&quot; again.</source>
        <translation>Một mô hình đang huấn luyện: hãy dừng nó trong bảng điều khiển Huấn luyện, rồi bấm lại &quot;Từ mô hình hiện tại&quot;.</translation>
    </message>
    <message>
        <source>No model is open yet: pick one in the model library, then press &quot;From current model&quot; again.</source>
        <translation>Chưa mở mô hình nào: hãy chọn một mô hình trong thư viện, rồi bấm lại &quot;Từ mô hình hiện tại&quot;.</translation>
    </message>
    <message>
        <source>Reading the current model…</source>
        <translation>Đang đọc mô hình hiện tại…</translation>
    </message>
    <message>
        <source>A model is training: stop it in the Training controls, then press &quot;Train this&quot; again.</source>
        <translation>Một mô hình đang huấn luyện: hãy dừng nó trong bảng điều khiển Huấn luyện, rồi bấm lại &quot;Huấn luyện mạng này&quot;.</translation>
    </message>
    <message>
        <source>Building {0} with Keras…</source>
        <translation>Đang dựng {0} bằng Keras…</translation>
    </message>
    <message>
        <source>{0} is now the current model ({1} parameters): choose data in the Training controls and press Start; its layers, feature maps and gates are in their tabs.</source>
        <translation>{0} giờ là mô hình hiện tại ({1} tham số): hãy chọn dữ liệu trong phần Điều khiển huấn luyện rồi bấm Bắt đầu; các tầng, bản đồ đặc trưng và các cổng của nó nằm trong các thẻ tương ứng.</translation>
    </message>
    <message>
        <source>Keras could not build this network: {0}</source>
        <translation>Keras không dựng được mạng này: {0}</translation>
    </message>
</context>
<context>
    <name>BuilderFiles</name>
    <message>
        <source>{0} is a saved model, not a model config: open it with File &gt; Open model…, then press &quot;From current model&quot; here.</source>
        <extracomment>A config bigger than this is not an architecture someone wrote (ResNet-50&apos;s is ~0.3 MB). Saved models (weights inside) open as the current model, not in the builder.</extracomment>
        <translation>{0} là một mô hình đã lưu, không phải cấu hình mô hình: hãy mở nó bằng Tệp &gt; Mở mô hình…, rồi bấm &quot;Từ mô hình hiện tại&quot; ở đây.</translation>
    </message>
    <message>
        <source>{0} is too big for a model config; open the .json that model.to_json() writes.</source>
        <translation>{0} quá lớn để là một cấu hình mô hình; hãy mở tệp .json mà model.to_json() ghi ra.</translation>
    </message>
    <message>
        <source>{0} could not be read ({1}); check the file and open it again.</source>
        <translation>Không đọc được {0} ({1}); hãy kiểm tra tệp rồi mở lại.</translation>
    </message>
    <message>
        <source>{0} is not JSON (line {1}): open a Keras model config, the text that model.to_json() writes (a .keras or .h5 model opens with File &gt; Open model).</source>
        <translation>{0} không phải JSON (dòng {1}): hãy mở một cấu hình mô hình Keras, tức văn bản mà model.to_json() ghi ra (mô hình .keras hoặc .h5 thì mở bằng Tệp &gt; Mở mô hình).</translation>
    </message>
    <message>
        <source>{0} is not a Keras model config the builder can open: {1}</source>
        <translation>{0} không phải cấu hình mô hình Keras mà trình dựng mở được: {1}</translation>
    </message>
    <message>
        <source>{0} could not be written ({1}); choose another folder.</source>
        <translation>Không ghi được {0} ({1}); hãy chọn thư mục khác.</translation>
    </message>
    <message>
        <source>This network cannot be saved yet: {0}</source>
        <translation>Chưa thể lưu mạng này: {0}</translation>
    </message>
    <message>
        <source>No script could be written for this network: {0}</source>
        <translation>Không viết được tập lệnh cho mạng này: {0}</translation>
    </message>
</context>
<context>
    <name>BuilderForm</name>
    <message>
        <source>batch shape</source>
        <extracomment>Settings that are not choices a student makes in the builder. A few known words per setting, offered as a list. The label of each setting in the form, as the course says it (translated).</extracomment>
        <translation>kích thước lô</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>số bộ lọc</translation>
    </message>
    <message>
        <source>units</source>
        <translation>số đơn vị</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>kích thước hạt nhân</translation>
    </message>
    <message>
        <source>pool size</source>
        <translation>kích thước gộp</translation>
    </message>
    <message>
        <source>strides</source>
        <translation>bước trượt</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>đệm</translation>
    </message>
    <message>
        <source>dilation rate</source>
        <translation>hệ số giãn</translation>
    </message>
    <message>
        <source>depth multiplier</source>
        <translation>hệ số nhân chiều sâu</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>số nhóm</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>hàm kích hoạt</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>tỉ lệ</translation>
    </message>
    <message>
        <source>return sequences</source>
        <translation>trả về chuỗi</translation>
    </message>
    <message>
        <source>input dim</source>
        <translation>số chiều đầu vào</translation>
    </message>
    <message>
        <source>output dim</source>
        <translation>số chiều đầu ra</translation>
    </message>
    <message>
        <source>merge mode</source>
        <translation>cách gộp</translation>
    </message>
    <message>
        <source>use bias</source>
        <translation>dùng độ chệch</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>trục</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>động lượng</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>epsilon</translation>
    </message>
    <message>
        <source>center</source>
        <translation>dịch tâm</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>co giãn</translation>
    </message>
    <message>
        <source>negative slope</source>
        <translation>độ dốc phần âm</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>alpha</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>dropout</translation>
    </message>
    <message>
        <source>recurrent dropout</source>
        <translation>dropout hồi tiếp</translation>
    </message>
    <message>
        <source>recurrent activation</source>
        <translation>hàm kích hoạt hồi tiếp</translation>
    </message>
    <message>
        <source>mask zero</source>
        <translation>che số 0</translation>
    </message>
    <message>
        <source>keepdims</source>
        <translation>giữ số chiều</translation>
    </message>
    <message>
        <source>return state</source>
        <translation>trả về trạng thái</translation>
    </message>
    <message>
        <source>max value</source>
        <translation>giá trị lớn nhất</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>ngưỡng</translation>
    </message>
    <message>
        <source>target shape</source>
        <translation>kích thước đích</translation>
    </message>
    <message>
        <source>zero output for mask</source>
        <translation>đầu ra 0 ở bước bị che</translation>
    </message>
    <message>
        <source>quantization config</source>
        <translation>cấu hình lượng tử hóa</translation>
    </message>
    <message>
        <source>Type whole numbers separated by commas, e.g. 3, 3.</source>
        <translation>Gõ các số nguyên cách nhau bởi dấu phẩy, ví dụ 3, 3.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a whole number: type e.g. 3, 3.</source>
        <translation>&apos;{0}&apos; không phải số nguyên: hãy gõ ví dụ 3, 3.</translation>
    </message>
</context>
<context>
    <name>BuilderPanel</name>
    <message>
        <source>Select a layer in the table first.</source>
        <translation>Hãy chọn một tầng trong bảng trước.</translation>
    </message>
    <message>
        <source>Open an architecture</source>
        <translation>Mở một kiến trúc</translation>
    </message>
    <message>
        <source>Keras model config (*.json);;All files (*)</source>
        <translation>Cấu hình mô hình Keras (*.json);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Save the architecture</source>
        <translation>Lưu kiến trúc</translation>
    </message>
    <message>
        <source>Keras model config (*.json)</source>
        <translation>Cấu hình mô hình Keras (*.json)</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Đã lưu {0}.</translation>
    </message>
    <message>
        <source>Export as a Keras script</source>
        <translation>Xuất thành tập lệnh Keras</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Tập lệnh Python (*.py)</translation>
    </message>
    <message>
        <source>Wrote {0}: run it with python to build the same model.</source>
        <translation>Đã ghi {0}: chạy nó bằng python để dựng lại cùng mô hình.</translation>
    </message>
</context>
<context>
    <name>BuilderTable</name>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
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
        <translation>MAC</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>Vùng tiếp nhận</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>Weights learned by training</source>
        <translation>Trọng số được học khi huấn luyện</translation>
    </message>
    <message>
        <source>Weights kept, not trained (batch normalisation&apos;s mean and variance)</source>
        <translation>Trọng số được giữ, không huấn luyện (trung bình và phương sai của chuẩn hóa theo lô)</translation>
    </message>
    <message>
        <source>Multiply-accumulate operations for one sample: how much computing this layer costs</source>
        <translation>Số phép nhân-cộng cho một mẫu: tầng này tốn bao nhiêu tính toán</translation>
    </message>
    <message>
        <source>How many input pixels (height × width) one output value of this layer sees</source>
        <translation>Một giá trị đầu ra của tầng này nhìn thấy bao nhiêu điểm ảnh đầu vào (cao × rộng)</translation>
    </message>
</context>
<context>
    <name>BuilderToolbar</name>
    <message>
        <source>The model&apos;s name (its title, and the saved file&apos;s)</source>
        <translation>Tên mô hình (tiêu đề của nó, và tên tệp được lưu)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Hoàn tác (Ctrl+Z)</translation>
    </message>
    <message>
        <source>model name</source>
        <translation>tên mô hình</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Làm lại (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>▶ Train this</source>
        <translation>▶ Huấn luyện mạng này</translation>
    </message>
    <message>
        <source>Build this network and make it the current model: the training panel, feature maps and gates then work on it</source>
        <translation>Dựng mạng này và đặt làm mô hình hiện tại: bảng huấn luyện, bản đồ đặc trưng và các cổng sẽ làm việc trên nó</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Start again from an input layer</source>
        <translation>Bắt đầu lại từ một tầng đầu vào</translation>
    </message>
    <message>
        <source>From current model</source>
        <translation>Từ mô hình hiện tại</translation>
    </message>
    <message>
        <source>Copy the model now open (library or file) to change it</source>
        <translation>Sao chép mô hình đang mở (từ thư viện hoặc tệp) để chỉnh sửa</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Mở…</translation>
    </message>
    <message>
        <source>Open a Keras model config (.json, from model.to_json())</source>
        <translation>Mở một cấu hình mô hình Keras (.json, từ model.to_json())</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Lưu…</translation>
    </message>
    <message>
        <source>Save as Keras model config JSON (opens in Keras, Netron)</source>
        <translation>Lưu thành cấu hình mô hình Keras dạng JSON (mở được trong Keras, Netron)</translation>
    </message>
    <message>
        <source>Export code…</source>
        <translation>Xuất mã…</translation>
    </message>
    <message>
        <source>Write a runnable Keras Python script of this network</source>
        <translation>Viết một tập lệnh Python Keras chạy được cho mạng này</translation>
    </message>
</context>
<context>
    <name>BuilderTotals</name>
    <message>
        <source>&lt;b&gt;{0} parameters&lt;/b&gt; ({1} trainable, {2} non-trainable) &amp;nbsp;·&amp;nbsp; &lt;b&gt;{3} multiply-accumulates&lt;/b&gt; per sample &amp;nbsp;·&amp;nbsp; {4} layers &amp;nbsp;·&amp;nbsp; output {5}</source>
        <translation>&lt;b&gt;{0} tham số&lt;/b&gt; ({1} huấn luyện được, {2} không huấn luyện được) &amp;nbsp;·&amp;nbsp; &lt;b&gt;{3} phép nhân-cộng&lt;/b&gt; mỗi mẫu &amp;nbsp;·&amp;nbsp; {4} tầng &amp;nbsp;·&amp;nbsp; đầu ra {5}</translation>
    </message>
    <message>
        <source>⚠ {0} layer(s) cannot work as set, starting at {1}: {2}</source>
        <translation>⚠ {0} tầng không thể hoạt động với thiết lập hiện tại, bắt đầu từ {1}: {2}</translation>
    </message>
</context>
<context>
    <name>CaptionView</name>
    <message>
        <source>What the captioner writes, and where each word looked</source>
        <translation>Mô hình chú thích viết gì, và mỗi từ đã nhìn vào đâu</translation>
    </message>
    <message>
        <source>Point at a word (or its small picture) to see where the model looked while writing it; click to keep it. Bright = more attention, over the image&apos;s {rows}x{cols} regions.</source>
        <translation>Trỏ vào một từ (hoặc ảnh nhỏ của nó) để xem mô hình đã nhìn vào đâu khi viết từ đó; nhấp để giữ lại. Sáng = chú ý nhiều hơn, trên {rows}x{cols} vùng của ảnh.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; (word {1} of {2}, {3} sure) looked most at the region in row {4}, column {5}: {6} of its attention</source>
        <extracomment>Caption words per row: English captions (8 words) fit on one.</extracomment>
        <translation>&apos;{0}&apos; (từ {1} trên {2}, chắc chắn {3}) nhìn nhiều nhất vào vùng ở hàng {4}, cột {5}: {6} trọng số chú ý của nó</translation>
    </message>
    <message>
        <source>This model writes no captions</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Mô hình này không viết chú thích</translation>
    </message>
    <message>
        <source>Pick captions-shapes in the model library, then drop a scene (e.g. “scene captions a” from the Images list).</source>
        <translation>Chọn captions-shapes trong thư viện mô hình, rồi thả một cảnh vào (ví dụ “scene captions a” trong danh sách Ảnh).</translation>
    </message>
    <message>
        <source>Caption:</source>
        <translation>Chú thích:</translation>
    </message>
    <message>
        <source> · live, step {0}</source>
        <translation> · trực tiếp, bước {0}</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>(no words: the model wrote &lt;end&gt; first)</source>
        <translation>(không có từ nào: mô hình viết &lt;end&gt; ngay đầu tiên)</translation>
    </message>
    <message>
        <source>Point at a word to see where it looked.</source>
        <translation>Trỏ vào một từ để xem nó đã nhìn vào đâu.</translation>
    </message>
</context>
<context>
    <name>ChannelView</name>
    <message>
        <source>Input (what the model sees)</source>
        <translation>Đầu vào (những gì mô hình thấy)</translation>
    </message>
    <message>
        <source>Click a tile to enlarge its channel</source>
        <translation>Nhấp vào một ô để phóng to kênh của nó</translation>
    </message>
    <message>
        <source>all zero: a dead channel for this input</source>
        <translation>toàn số 0: một kênh chết với đầu vào này</translation>
    </message>
    <message>
        <source>from {0} to {1}</source>
        <translation>từ {0} đến {1}</translation>
    </message>
    <message>
        <source>Channel {0} of {1} · {2}</source>
        <translation>Kênh {0} trên {1} · {2}</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>The engine is training a model: the cells are compared when training stops.</source>
        <extracomment>What a request says while a model trains (the engine runs the training job).</extracomment>
        <translation>Bộ máy đang huấn luyện một mô hình: các ô sẽ được so sánh khi huấn luyện dừng.</translation>
    </message>
    <message>
        <source>Comparing SimpleRNN, LSTM and GRU…</source>
        <translation>Đang so sánh SimpleRNN, LSTM và GRU…</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Each row: a model&apos;s hidden state h at every token (units ↓, blue −1 … red +1), and beside it how much each token moves its answer (loss gradient, relative to the largest, log scale). Trained on long sentences, a SimpleRNN&apos;s gradient falls toward the first words: it forgets them; the gates of a trained LSTM or GRU keep the words that decide. An untrained row has random weights: the cell before any learning.</source>
        <translation>Mỗi hàng: trạng thái ẩn h của một mô hình tại mọi token (các đơn vị ↓, xanh −1 … đỏ +1), và bên cạnh là mức mỗi token làm thay đổi câu trả lời (gradient của hàm mất mát, so với giá trị lớn nhất, thang log). Khi huấn luyện trên câu dài, gradient của SimpleRNN giảm dần về các từ đầu: nó quên chúng; các cổng của LSTM hoặc GRU đã huấn luyện giữ lại những từ quyết định. Hàng chưa huấn luyện có trọng số ngẫu nhiên: ô trước khi học bất cứ điều gì.</translation>
    </message>
    <message>
        <source>Nothing to compare</source>
        <translation>Không có gì để so sánh</translation>
    </message>
    <message>
        <source>Compare cells: SimpleRNN, LSTM and GRU</source>
        <translation>So sánh các ô: SimpleRNN, LSTM và GRU</translation>
    </message>
    <message>
        <source>Type a sentence above: the three models read it.</source>
        <translation>Gõ một câu ở trên: ba mô hình sẽ cùng đọc nó.</translation>
    </message>
    <message>
        <source>Compare cells · {0} tokens</source>
        <translation>So sánh các ô · {0} token</translation>
    </message>
    <message>
        <source>The first token&apos;s gradient, relative to each model&apos;s largest: {0}.</source>
        <translation>Gradient tại token đầu tiên, so với giá trị lớn nhất của mỗi mô hình: {0}.</translation>
    </message>
    <message>
        <source>h, units</source>
        <translation>h, đơn vị</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>gradient</translation>
    </message>
</context>
<context>
    <name>ConvolutionExplainer</name>
    <message>
        <source>{0}×{0} pixels</source>
        <extracomment>Picture sides offered: small enough to see every pixel, big enough to see the picture.</extracomment>
        <translation>{0}×{0} điểm ảnh</translation>
    </message>
    <message>
        <source>Flip the kernel (true convolution)</source>
        <translation>Lật hạt nhân (tích chập thật sự)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Input (grey)</source>
        <translation>Đầu vào (ảnh xám)</translation>
    </message>
    <message>
        <source>Output so far</source>
        <translation>Đầu ra đến lúc này</translation>
    </message>
    <message>
        <source>|convolution − cross-correlation|</source>
        <translation>|tích chập − tương quan chéo|</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Lùi</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Tiếp ▶</translation>
    </message>
    <message>
        <source>Left arrow key</source>
        <translation>Phím mũi tên trái</translation>
    </message>
    <message>
        <source>Right arrow key</source>
        <translation>Phím mũi tên phải</translation>
    </message>
    <message>
        <source>Space bar</source>
        <translation>Phím cách</translation>
    </message>
    <message>
        <source>Fill all</source>
        <translation>Tính hết</translation>
    </message>
    <message>
        <source>A convolutional layer slides a small kernel over the image; at each position it multiplies the pixels under the window by the kernel&apos;s numbers and adds the products. Keras&apos;s Conv2D does exactly this, which is cross-correlation. True convolution first flips the kernel left-right and upside down; for a symmetric kernel nothing changes, for a Sobel kernel the sign of the edges does.</source>
        <translation>Tầng tích chập trượt một hạt nhân nhỏ trên ảnh; tại mỗi vị trí, nó nhân các điểm ảnh dưới cửa sổ với các số của hạt nhân rồi cộng các tích lại. Conv2D của Keras làm đúng như vậy, và đó là phép tương quan chéo. Phép tích chập thật sự lật hạt nhân trái-phải và trên-dưới trước; với hạt nhân đối xứng thì không có gì thay đổi, với hạt nhân Sobel thì dấu của các đường biên đổi ngược.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>This kernel looks the same rotated 180°, so convolution and cross-correlation give the same output (the difference is all black).</source>
        <translation>Hạt nhân này không đổi khi xoay 180°, nên tích chập và tương quan chéo cho cùng một đầu ra (ảnh hiệu toàn màu đen).</translation>
    </message>
    <message>
        <source>This kernel is not symmetric: flipping it changes the output (largest difference {0}).</source>
        <translation>Hạt nhân này không đối xứng: lật nó làm đầu ra thay đổi (chênh lệch lớn nhất {0}).</translation>
    </message>
    <message>
        <source>Position {0} of {1}: output row {2}, column {3}</source>
        <translation>Vị trí {0} trên {1}: đầu ra hàng {2}, cột {3}</translation>
    </message>
    <message>
        <source>Kernel applied as flipped</source>
        <translation>Hạt nhân được áp dụng sau khi lật</translation>
    </message>
    <message>
        <source>Kernel applied as written</source>
        <translation>Hạt nhân được áp dụng như đã viết</translation>
    </message>
    <message>
        <source>Sum = {0} = output pixel (row {1}, column {2})</source>
        <translation>Tổng = {0} = điểm ảnh đầu ra (hàng {1}, cột {2})</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>&apos;{model}&apos; has no recurrent layer (SimpleRNN, LSTM or GRU, alone or in a Bidirectional wrapper): gates live only inside those. Pick an RNN classifier or tagger in the model library, or open a .keras file that has one.</source>
        <translation>&apos;{model}&apos; không có tầng hồi tiếp nào (SimpleRNN, LSTM hoặc GRU, đứng riêng hoặc trong lớp bọc Bidirectional): các cổng chỉ nằm trong những tầng đó. Hãy chọn một bộ phân loại hoặc bộ gán nhãn RNN trong thư viện mô hình, hoặc mở một tệp .keras có tầng như vậy.</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; has no attention layer (keras.layers.Attention, AdditiveAttention or MultiHeadAttention, or a dlviz encoder-decoder&apos;s attention): there are no attention weights to show. Pick a dates-attention model in the model library, or open a .keras file that has one.</source>
        <translation>&apos;{model}&apos; không có tầng chú ý nào (keras.layers.Attention, AdditiveAttention hoặc MultiHeadAttention, hoặc cơ chế chú ý của một bộ mã hóa-giải mã dlviz): không có trọng số chú ý nào để hiển thị. Hãy chọn một mô hình dates-attention trong thư viện mô hình, hoặc mở một tệp .keras có tầng như vậy.</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; writes no captions: a captioner reads two inputs, &apos;image&apos; and &apos;target_in&apos; (the words so far), and this one reads {inputs}. Pick captions-shapes (or the shape captioner) in the model library</source>
        <translation>&apos;{model}&apos; không viết chú thích: mô hình chú thích đọc hai đầu vào, &apos;image&apos; và &apos;target_in&apos; (các từ đã viết), còn mô hình này đọc {inputs}. Hãy chọn captions-shapes (hoặc mô hình chú thích hình khối) trong thư viện mô hình</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; gives outputs of shape {shape}, not one (time steps, classes) output with a CTC blank, so it reads no strings; pick a CRNN such as crnn-digit-strings</source>
        <translation>&apos;{model}&apos; cho đầu ra có kích thước {shape}, không phải một đầu ra (bước thời gian, lớp) có ký tự trống CTC, nên nó không đọc chuỗi ký tự; hãy chọn một CRNN như crnn-digit-strings</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; takes input of shape {shape}, not images (batch, height, width, channels), so it has no feature maps to show</source>
        <translation>&apos;{model}&apos; nhận đầu vào có kích thước {shape}, không phải ảnh (lô, cao, rộng, kênh), nên nó không có bản đồ đặc trưng nào để hiển thị</translation>
    </message>
    <message>
        <source>{count} filters of {size}, shown as colour patches (each scaled on its own; grey = 0)</source>
        <translation>{count} bộ lọc {size}, hiển thị thành mảnh màu (mỗi mảnh theo thang riêng; xám = 0)</translation>
    </message>
    <message>
        <source>{count} filters of {size}: one row per filter, one column per input channel; grey = 0, on the layer&apos;s common scale</source>
        <translation>{count} bộ lọc {size}: mỗi bộ lọc một hàng, mỗi kênh đầu vào một cột; xám = 0, theo thang chung của tầng</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; takes {count} inputs; feature maps need a model that takes one image</source>
        <translation>&apos;{model}&apos; nhận {count} đầu vào; bản đồ đặc trưng cần một mô hình nhận một ảnh</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; has no class output to rank: its outputs have shapes {shapes}, not one score per class</source>
        <translation>&apos;{model}&apos; không có đầu ra lớp nào để xếp hạng: các đầu ra của nó có kích thước {shapes}, không phải một điểm cho mỗi lớp</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; has {count} inputs; dlviz types a sentence into models with one sequence input</source>
        <translation>&apos;{model}&apos; có {count} đầu vào; dlviz chỉ gõ câu vào mô hình có một đầu vào chuỗi</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; reads inputs of shape {shape}, not a sequence of token ids (time,) or of vectors (time, features)</source>
        <translation>&apos;{model}&apos; đọc đầu vào có kích thước {shape}, không phải một chuỗi mã token (thời gian,) hay chuỗi vectơ (thời gian, đặc trưng)</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; is not built: it has no inputs to read a sentence into yet</source>
        <translation>&apos;{model}&apos; chưa được dựng: nó chưa có đầu vào nào để đọc câu</translation>
    </message>
    <message>
        <source>resized {source} -&gt; {size} (aspect not kept)</source>
        <translation>đổi kích thước {source} -&gt; {size} (không giữ tỉ lệ)</translation>
    </message>
    <message>
        <source>centre-cropped {source} and resized -&gt; {size}</source>
        <translation>cắt giữa {source} rồi đổi kích thước -&gt; {size}</translation>
    </message>
    <message>
        <source>resized {source} -&gt; {size}</source>
        <translation>đổi kích thước {source} -&gt; {size}</translation>
    </message>
    <message>
        <source>converted RGB -&gt; grey</source>
        <translation>chuyển RGB -&gt; ảnh xám</translation>
    </message>
    <message>
        <source>converted grey -&gt; RGB</source>
        <translation>chuyển ảnh xám -&gt; RGB</translation>
    </message>
    <message>
        <source>transparent parts composited on white</source>
        <translation>phần trong suốt được phủ lên nền trắng</translation>
    </message>
    <message>
        <source>first of {count} frames</source>
        <translation>khung hình đầu tiên trong {count} khung hình</translation>
    </message>
    <message>
        <source>there is nothing to read: type a sentence (at least one word)</source>
        <translation>không có gì để đọc: hãy gõ một câu (ít nhất một từ)</translation>
    </message>
    <message>
        <source>Backward direction: read from the last token to the first; columns are in the original token order (column t is the state after reading token t).</source>
        <translation>Chiều ngược: đọc từ token cuối về token đầu; các cột vẫn theo thứ tự token ban đầu (cột t là trạng thái sau khi đọc token t).</translation>
    </message>
    <message>
        <source>Padded steps (mask False) carry the previous state, as Keras does; the gates shown there were computed and then discarded.</source>
        <translation>Các bước đệm (mask False) giữ nguyên trạng thái trước đó, như Keras làm; các cổng hiển thị ở đó đã được tính rồi bỏ đi.</translation>
    </message>
    <message>
        <source>Inference mode: the layer&apos;s dropout is off, as in predict().</source>
        <translation>Chế độ suy luận: dropout của tầng bị tắt, như trong predict().</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>lớp dự đoán</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>nhãn</translation>
    </message>
    <message>
        <source>input {shape}, {count} classes, weights from {file}</source>
        <translation>đầu vào {shape}, {count} lớp, trọng số từ {file}</translation>
    </message>
    <message>
        <source>input {shape}, {count} classes, random weights</source>
        <translation>đầu vào {shape}, {count} lớp, trọng số ngẫu nhiên</translation>
    </message>
    <message>
        <source>input {shape}, {count} classes, ImageNet weights (with class names)</source>
        <translation>đầu vào {shape}, {count} lớp, trọng số ImageNet (có tên lớp)</translation>
    </message>
    <message>
        <source>input {shape}, {count} classes, ImageNet weights (class names not cached)</source>
        <translation>đầu vào {shape}, {count} lớp, trọng số ImageNet (chưa lưu sẵn tên lớp)</translation>
    </message>
    <message>
        <source>Some sizes are unknown (None): MACs there count one step or position.</source>
        <translation>Một số kích thước chưa biết (None): số MAC ở đó tính cho một bước hoặc một vị trí.</translation>
    </message>
    <message>
        <source>{title}: {count} classes ({names}), {score} right on the held-out {data} images. Made by `{command}`.</source>
        <translation>{title}: {count} lớp ({names}), đúng {score} trên các ảnh {data} để riêng cho kiểm tra. Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{title}: {count} classes, {score} right on held-out {data} sentences; tokens are syllables: words split at spaces and punctuation (Vietnamese &apos;học sinh&apos; is two tokens). Made by `{command}`.</source>
        <translation>{title}: {count} lớp, đúng {score} trên các câu {data} để riêng cho kiểm tra; token là âm tiết: từ được tách ở khoảng trắng và dấu câu (&apos;học sinh&apos; là hai token). Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{title}: {count} tags, {score} right on held-out {data} sentences; tokens are syllables: words split at spaces and punctuation (Vietnamese &apos;học sinh&apos; is two tokens). Made by `{command}`.</source>
        <translation>{title}: {count} nhãn, đúng {score} trên các câu {data} để riêng cho kiểm tra; token là âm tiết: từ được tách ở khoảng trắng và dấu câu (&apos;học sinh&apos; là hai token). Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{title}: reads 1-6 handwritten digits; {exact} of strings of unseen drawings read exactly, {errors} character errors. Made by `{command}`.</source>
        <translation>{title}: đọc 1-6 chữ số viết tay; {exact} chuỗi của các hình vẽ chưa thấy được đọc đúng hoàn toàn, {errors} lỗi ký tự. Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{title}: writes dates typed in English or Vietnamese as ISO (1987-03-10); {exact} of held-out dates exactly right, {share} of day, month and year characters look hardest at that part of the source. Made by `{command}`.</source>
        <translation>{title}: viết lại ngày tháng gõ bằng tiếng Anh hoặc tiếng Việt thành dạng ISO (1987-03-10); {exact} ngày tháng để riêng cho kiểm tra đúng hoàn toàn, {share} ký tự ngày, tháng, năm nhìn mạnh nhất vào đúng phần đó của chuỗi nguồn. Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{title}: drop a scene of two shapes and read its caption, and where each word looked; {exact} of unseen scenes captioned exactly, {share} of shape words look hardest at their shape. Made by `{command}`.</source>
        <translation>{title}: thả vào một cảnh có hai hình khối rồi đọc chú thích của nó, và xem mỗi từ đã nhìn vào đâu; {exact} cảnh chưa thấy được chú thích đúng hoàn toàn, {share} từ chỉ hình khối nhìn mạnh nhất vào đúng hình của nó. Tạo bởi `{command}`.</translation>
    </message>
    <message>
        <source>{name} is not a Keras model file ({looks}); was another file renamed?</source>
        <translation>{name} không phải tệp mô hình Keras ({looks}); có phải một tệp khác đã bị đổi tên?</translation>
    </message>
    <message>
        <source>{name} was not found; check the path: {path}</source>
        <translation>Không tìm thấy {name}; hãy kiểm tra đường dẫn: {path}</translation>
    </message>
    <message>
        <source>{name} cannot be read: permission denied</source>
        <translation>Không đọc được {name}: không có quyền truy cập</translation>
    </message>
    <message>
        <source>{name} could not be read: {detail}</source>
        <translation>Không đọc được {name}: {detail}</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes); the save probably failed, so save the model again</source>
        <translation>{name} rỗng (0 byte); có lẽ lần lưu đã thất bại, hãy lưu lại mô hình</translation>
    </message>
    <message>
        <source>{name} is not a regular file; dlviz opens Keras models saved as .keras (or legacy .h5)</source>
        <translation>{name} không phải tệp thông thường; dlviz mở các mô hình Keras được lưu dạng .keras (hoặc .h5 kiểu cũ)</translation>
    </message>
    <message>
        <source>{name} is {what}; dlviz opens Keras models saved as .keras (or legacy .h5)</source>
        <translation>{name} là {what}; dlviz mở các mô hình Keras được lưu dạng .keras (hoặc .h5 kiểu cũ)</translation>
    </message>
    <message>
        <source>{name} holds no Keras model architecture (its model config has no class_name); re-save it from Keras</source>
        <translation>{name} không chứa kiến trúc mô hình Keras (cấu hình mô hình không có class_name); hãy lưu lại nó từ Keras</translation>
    </message>
    <message>
        <source>{name} has an absurdly deeply nested config; re-save it from Keras</source>
        <translation>{name} có cấu hình lồng nhau sâu bất thường; hãy lưu lại nó từ Keras</translation>
    </message>
    <message>
        <source>{name} uses classes that are not installed here: {classes}; it opens only where the code defining them is imported and registered with keras.saving.register_keras_serializable</source>
        <translation>{name} dùng các lớp chưa được cài ở đây: {classes}; nó chỉ mở được ở nơi mã định nghĩa các lớp đó được import và đăng ký bằng keras.saving.register_keras_serializable</translation>
    </message>
    <message>
        <source>{name} needs unsafe loading, which runs code stored in the file: {reasons}. Load it only if you trust where it came from</source>
        <translation>{name} cần nạp ở chế độ không an toàn, tức là chạy mã lưu trong tệp: {reasons}. Chỉ nạp nếu bạn tin nguồn gốc của tệp</translation>
    </message>
    <message>
        <source>{name} needs unsafe loading (Keras refused in safe mode: {detail})</source>
        <translation>{name} cần nạp ở chế độ không an toàn (Keras từ chối ở chế độ an toàn: {detail})</translation>
    </message>
    <message>
        <source>Keras could not load {name}: {detail}</source>
        <translation>Keras không nạp được {name}: {detail}</translation>
    </message>
    <message>
        <source>{name} was refused before loading: {detail}, which Keras never writes. The file is damaged or was made to attack; do not open it, and get the model again from where it came from</source>
        <translation>{name} bị từ chối trước khi nạp: {detail}, điều mà Keras không bao giờ ghi ra. Tệp bị hỏng hoặc được tạo ra để tấn công; đừng mở nó, hãy lấy lại mô hình từ nguồn gốc của nó</translation>
    </message>
    <message>
        <source>{name} was refused before loading: {detail}. Real Keras models stay far below it, so the file is damaged or was made to attack; do not open it, and get the model again from where it came from</source>
        <translation>{name} bị từ chối trước khi nạp: {detail}. Mô hình Keras thật nhỏ hơn mức này rất nhiều, nên tệp bị hỏng hoặc được tạo ra để tấn công; đừng mở nó, hãy lấy lại mô hình từ nguồn gốc của nó</translation>
    </message>
    <message>
        <source>{name} is corrupt (its {where} is not valid JSON); re-save it from Keras</source>
        <translation>{name} bị hỏng ({where} của nó không phải JSON hợp lệ); hãy lưu lại nó từ Keras</translation>
    </message>
    <message>
        <source>{name} is truncated or corrupt (not a valid zip archive); re-save it from Keras</source>
        <translation>{name} bị cắt cụt hoặc hỏng (không phải tệp nén zip hợp lệ); hãy lưu lại nó từ Keras</translation>
    </message>
    <message>
        <source>{name} is truncated or corrupt (not a readable HDF5 file); re-save it from Keras</source>
        <translation>{name} bị cắt cụt hoặc hỏng (không phải tệp HDF5 đọc được); hãy lưu lại nó từ Keras</translation>
    </message>
    <message>
        <source>{name} is a zip archive but not a Keras model (it has no config.json); save models with model.save(&apos;name.keras&apos;)</source>
        <translation>{name} là tệp nén zip nhưng không phải mô hình Keras (không có config.json); hãy lưu mô hình bằng model.save(&apos;name.keras&apos;)</translation>
    </message>
    <message>
        <source>{name} holds only weights, not a model (there is no model_config inside); dlviz needs a whole model saved with model.save(&apos;name.keras&apos;)</source>
        <translation>{name} chỉ chứa trọng số, không phải mô hình (bên trong không có model_config); dlviz cần cả mô hình được lưu bằng model.save(&apos;name.keras&apos;)</translation>
    </message>
    <message>
        <source>{where} stores a Python lambda, which runs arbitrary code</source>
        <translation>{where} chứa một hàm lambda Python, thứ có thể chạy mã tùy ý</translation>
    </message>
    <message>
        <source>TFSMLayer {name} loads the external SavedModel {path}, which can run arbitrary code</source>
        <translation>TFSMLayer {name} nạp SavedModel bên ngoài {path}, thứ có thể chạy mã tùy ý</translation>
    </message>
    <message>
        <source>TorchModuleWrapper {name} unpickles a PyTorch module, which can run arbitrary code</source>
        <translation>TorchModuleWrapper {name} giải tuần tự (unpickle) một mô-đun PyTorch, việc này có thể chạy mã tùy ý</translation>
    </message>
    <message>
        <source>{kind} layer {name} reads the file {file} from outside the model file</source>
        <translation>tầng {kind} {name} đọc tệp {file} nằm ngoài tệp mô hình</translation>
    </message>
    <message>
        <source>Lambda layer {name} calls code chosen by the file</source>
        <translation>tầng Lambda {name} gọi mã do tệp chọn</translation>
    </message>
    <message>
        <source>Lambda layer {name} runs arbitrary Python code stored in the file</source>
        <translation>tầng Lambda {name} chạy mã Python tùy ý được lưu trong tệp</translation>
    </message>
    <message>
        <source>Lambda layer {name} calls the function {target}, chosen by the file (any Lambda can run code, so dlviz asks first)</source>
        <translation>tầng Lambda {name} gọi hàm {target} do tệp chọn (mọi tầng Lambda đều có thể chạy mã, nên dlviz hỏi trước)</translation>
    </message>
    <message>
        <source>{where} calls {target}, which is not a modelling function (it can fetch, write or change settings)</source>
        <translation>{where} gọi {target}, đây không phải hàm dựng mô hình (nó có thể tải về, ghi hoặc đổi thiết lập)</translation>
    </message>
    <message>
        <source>layer {name}</source>
        <translation>tầng {name}</translation>
    </message>
    <message>
        <source>its {member} unpacks to more than {limit} (its zip entry claims {claimed}), over dlviz&apos;s {cap} limit</source>
        <translation>{member} của nó giải nén ra hơn {limit} (mục zip khai là {claimed}), vượt giới hạn {cap} của dlviz</translation>
    </message>
    <message>
        <source>File: {name} — {kind}, saved by Keras {version}</source>
        <translation>Tệp: {name} — {kind}, lưu bởi Keras {version}</translation>
    </message>
    <message>
        <source>File: {name} — {kind}</source>
        <translation>Tệp: {name} — {kind}</translation>
    </message>
    <message>
        <source>Model: {name} ({cls}), {total} layers</source>
        <translation>Mô hình: {name} ({cls}), {total} tầng</translation>
    </message>
    <message>
        <source>Classes from outside Keras: {names}</source>
        <translation>Các lớp ngoài Keras: {names}</translation>
    </message>
    <message>
        <source>Not installed here (cannot load): {names}</source>
        <translation>Chưa cài ở đây (không nạp được): {names}</translation>
    </message>
    <message>
        <source>  - {reason}</source>
        <translation>  - {reason}</translation>
    </message>
    <message>
        <source>its {member} unpacks to {size}, over dlviz&apos;s {limit} limit</source>
        <translation>{member} của nó giải nén ra {size}, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>its table of contents is {size}, over dlviz&apos;s {limit} limit</source>
        <translation>mục lục của nó lớn {size}, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>it holds {count} files, over dlviz&apos;s limit of {limit}</source>
        <translation>nó chứa {count} tệp, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>its {member} is nested more than {depth} levels deep, over dlviz&apos;s limit of {limit}</source>
        <translation>{member} của nó lồng sâu hơn {depth} mức, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>its {member} holds more than {count} JSON items, over dlviz&apos;s limit of {limit}</source>
        <translation>{member} của nó chứa hơn {count} phần tử JSON, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>its {member} is {size}, over dlviz&apos;s {limit} limit</source>
        <translation>{member} của nó lớn {size}, vượt giới hạn {limit} của dlviz</translation>
    </message>
    <message>
        <source>a {suffix} file</source>
        <translation>một tệp {suffix}</translation>
    </message>
    <message>
        <source>{size} = {count} pixels</source>
        <translation>{size} = {count} điểm ảnh</translation>
    </message>
    <message>
        <source>{count} pixels</source>
        <translation>{count} điểm ảnh</translation>
    </message>
    <message>
        <source>the text has {count} characters; dlviz reads at most {limit} at a time, so split it into shorter pieces</source>
        <translation>văn bản có {count} ký tự; dlviz đọc tối đa {limit} ký tự mỗi lần, hãy chia nó thành các đoạn ngắn hơn</translation>
    </message>
    <message>
        <source>none of these tokens is in the model&apos;s vocabulary ({count} ids): every one reads as &lt;unk&gt;, so this shows what the model does with unknown words</source>
        <translation>không token nào trong số này có trong từ vựng của mô hình ({count} mã): mỗi token đều được đọc là &lt;unk&gt;, nên ở đây bạn thấy mô hình xử lý từ lạ như thế nào</translation>
    </message>
    <message>
        <source>{unknown} of {count} tokens are not in the model&apos;s vocabulary and read as &lt;unk&gt;</source>
        <translation>{unknown} trên {count} token không có trong từ vựng của mô hình và được đọc là &lt;unk&gt;</translation>
    </message>
    <message>
        <source>no vocabulary travels with this model: the text is read as token ids</source>
        <translation>mô hình này không kèm từ vựng: văn bản được đọc như các mã token</translation>
    </message>
    <message>
        <source>this model reads exactly {count} steps: the text was cut to them</source>
        <translation>mô hình này đọc đúng {count} bước: văn bản đã được cắt cho vừa</translation>
    </message>
    <message>
        <source>this model reads exactly {count} source tokens: the text was cut to them</source>
        <translation>mô hình này đọc đúng {count} token nguồn: văn bản đã được cắt cho vừa</translation>
    </message>
    <message>
        <source>the first {limit} of {count} tokens are read; a longer text is cut, so split it</source>
        <translation>chỉ {limit} trên {count} token đầu tiên được đọc; văn bản dài hơn bị cắt, hãy chia nhỏ nó</translation>
    </message>
    <message>
        <source>The loss became NaN or infinite at epoch {epoch}, batch {batch}; training stopped and the last good weights were restored. Try a lower learning rate (now {rate}).</source>
        <translation>Hàm mất mát thành NaN hoặc vô cùng ở epoch {epoch}, lô {batch}; huấn luyện đã dừng và trọng số tốt gần nhất đã được khôi phục. Hãy thử tốc độ học thấp hơn (hiện là {rate}).</translation>
    </message>
    <message>
        <source>Out of memory ({error}) with batches of {size}; try a smaller batch size or input size.</source>
        <translation>Hết bộ nhớ ({error}) với lô kích thước {size}; hãy thử lô nhỏ hơn hoặc đầu vào nhỏ hơn.</translation>
    </message>
    <message>
        <source>Out of memory: {detail}. Try a smaller batch, input size or model.</source>
        <translation>Hết bộ nhớ: {detail}. Hãy thử lô, kích thước đầu vào hoặc mô hình nhỏ hơn.</translation>
    </message>
    <message>
        <source>the inputs contain {count} NaN or infinite values (in {bad} of {total} images); training on them would make the loss NaN</source>
        <translation>dữ liệu đầu vào chứa {count} giá trị NaN hoặc vô cùng (trong {bad} trên {total} ảnh); huấn luyện trên chúng sẽ làm hàm mất mát thành NaN</translation>
    </message>
    <message>
        <source>using {count} of {total} training images</source>
        <translation>dùng {count} trên {total} ảnh huấn luyện</translation>
    </message>
    <message>
        <source>images resized from {source} to {size}</source>
        <translation>ảnh được đổi kích thước từ {source} thành {size}</translation>
    </message>
    <message>
        <source>skipped {count} file(s) that could not be used: {files}</source>
        <translation>bỏ qua {count} tệp không dùng được: {files}</translation>
    </message>
    <message>
        <source>froze the first {count} layers (the model has only {total}, so all of them): {names}</source>
        <translation>đóng băng {count} tầng đầu (mô hình chỉ có {total} tầng, nên là tất cả): {names}</translation>
    </message>
    <message>
        <source>froze the first {count} layers: {names}</source>
        <translation>đóng băng {count} tầng đầu: {names}</translation>
    </message>
    <message>
        <source>froze the backbone: {names}</source>
        <translation>đóng băng mạng xương sống: {names}</translation>
    </message>
    <message>
        <source>kept the model&apos;s own frozen layers: {names}</source>
        <translation>giữ các tầng vốn đã đóng băng của mô hình: {names}</translation>
    </message>
    <message>
        <source>trainable parameters: {count} of {total}</source>
        <translation>tham số huấn luyện được: {count} trên {total}</translation>
    </message>
    <message>
        <source>dropout {rate} in {count} layer(s)</source>
        <translation>dropout {rate} ở {count} tầng</translation>
    </message>
    <message>
        <source>{title} rebuilt with {count} outputs for this data (was {total})</source>
        <translation>{title} được dựng lại với {count} đầu ra cho dữ liệu này (trước là {total})</translation>
    </message>
    <message>
        <source>each batch is split across {count} devices and their gradients averaged</source>
        <translation>mỗi batch được chia cho {count} thiết bị và lấy trung bình gradient của chúng</translation>
    </message>
    <message>
        <source>live {name} off: {reason}</source>
        <translation>tắt {name} trực tiếp: {reason}</translation>
    </message>
    <message>
        <source>{train} generated strings of 1-{digits} digits, {test} for testing (made of unseen drawings)</source>
        <translation>{train} chuỗi sinh ra gồm 1-{digits} chữ số, {test} chuỗi để kiểm tra (vẽ từ các nét chưa thấy)</translation>
    </message>
    <message>
        <source>{count} generated English sentences (seeded); tokens are words and punctuation</source>
        <translation>{count} câu tiếng Anh được sinh tự động (cố định theo seed); token là từ và dấu câu</translation>
    </message>
    <message>
        <source>{count} generated Vietnamese sentences (seeded); tokens are syllables (&apos;học sinh&apos; is two)</source>
        <translation>{count} câu tiếng Việt được sinh tự động (cố định theo seed); token là âm tiết (&apos;học sinh&apos; là hai token)</translation>
    </message>
    <message>
        <source>{count} generated English sentences with a tag per word (seeded)</source>
        <translation>{count} câu tiếng Anh được sinh tự động, mỗi từ một nhãn (cố định theo seed)</translation>
    </message>
    <message>
        <source>encoded with the model&apos;s own vocabulary ({count} tokens); {share} of this data&apos;s tokens are unknown to it</source>
        <translation>mã hoá bằng từ vựng riêng của mô hình ({count} token); {share} token của dữ liệu này là từ lạ với nó</translation>
    </message>
    <message>
        <source>encoded with the model&apos;s own vocabulary ({count} source and {total} target tokens); {share} of the source tokens are unknown to it</source>
        <translation>mã hoá bằng từ vựng riêng của mô hình ({count} token nguồn và {total} token đích); {share} token nguồn là từ lạ với nó</translation>
    </message>
    <message>
        <source>{count} sentence(s) cut after {length} tokens</source>
        <translation>{count} câu bị cắt sau {length} token</translation>
    </message>
    <message>
        <source>skipped {count} row(s) with an empty text or label</source>
        <translation>bỏ qua {count} dòng có văn bản hoặc nhãn trống</translation>
    </message>
    <message>
        <source>long-dependency task: the first of {count} tokens sets the class</source>
        <translation>bài toán phụ thuộc xa: token đầu tiên trong {count} token quyết định lớp</translation>
    </message>
    <message>
        <source>ink cut out of {source} and fitted to {size}</source>
        <translation>nét mực được cắt ra từ {source} và đặt vừa {size}</translation>
    </message>
    <message>
        <source>a layer named {name} already exists; choose another name</source>
        <translation>đã có một tầng tên {name}; hãy chọn tên khác</translation>
    </message>
    <message>
        <source>there is no layer named {name}; pick one of the table&apos;s names</source>
        <translation>không có tầng nào tên {name}; hãy chọn một tên có trong bảng</translation>
    </message>
    <message>
        <source>the network has no Input layer yet; add one first</source>
        <translation>mạng chưa có tầng Input; hãy thêm một tầng trước</translation>
    </message>
    <message>
        <source>layer {name}: {problem}</source>
        <translation>tầng {name}: {problem}</translation>
    </message>
    <message>
        <source>it contains plain text</source>
        <extracomment>Phrases the core puts inside the sentences above, translated where they appear.</extracomment>
        <translation>nó chứa văn bản thuần</translation>
    </message>
    <message>
        <source>it is neither a zip archive nor an HDF5 file</source>
        <translation>nó không phải tệp nén zip cũng không phải tệp HDF5</translation>
    </message>
    <message>
        <source>a folder, not a model file</source>
        <translation>một thư mục, không phải tệp mô hình</translation>
    </message>
    <message>
        <source>a TensorFlow SavedModel folder, not a model file</source>
        <translation>một thư mục TensorFlow SavedModel, không phải tệp mô hình</translation>
    </message>
    <message>
        <source>a file without an extension</source>
        <translation>một tệp không có phần mở rộng</translation>
    </message>
    <message>
        <source>a PyTorch file</source>
        <translation>một tệp PyTorch</translation>
    </message>
    <message>
        <source>a checkpoint</source>
        <translation>một checkpoint</translation>
    </message>
    <message>
        <source>an ONNX file</source>
        <translation>một tệp ONNX</translation>
    </message>
    <message>
        <source>a TensorFlow graph file</source>
        <translation>một tệp đồ thị TensorFlow</translation>
    </message>
    <message>
        <source>a TensorFlow Lite file</source>
        <translation>một tệp TensorFlow Lite</translation>
    </message>
    <message>
        <source>a pickle file</source>
        <translation>một tệp pickle</translation>
    </message>
    <message>
        <source>a safetensors weights file</source>
        <translation>một tệp trọng số safetensors</translation>
    </message>
    <message>
        <source>a NumPy archive</source>
        <translation>một tệp nén NumPy</translation>
    </message>
    <message>
        <source>very large</source>
        <translation>rất lớn</translation>
    </message>
    <message>
        <source>the model config</source>
        <translation>cấu hình mô hình</translation>
    </message>
    <message>
        <source>Keras v3 (.keras zip)</source>
        <translation>Keras v3 (tệp nén .keras)</translation>
    </message>
    <message>
        <source>legacy HDF5 (.h5)</source>
        <translation>HDF5 kiểu cũ (.h5)</translation>
    </message>
    <message>
        <source>Installed classes: not checked yet</source>
        <translation>Các lớp đã cài: chưa kiểm tra</translation>
    </message>
    <message>
        <source>Needs unsafe loading, which runs code from the file:</source>
        <translation>Cần nạp ở chế độ không an toàn, tức là chạy mã từ tệp:</translation>
    </message>
    <message>
        <source>Safety: loads in safe mode (no code from the file runs)</source>
        <translation>An toàn: nạp ở chế độ an toàn (không chạy mã nào từ tệp)</translation>
    </message>
    <message>
        <source>grey images repeated into RGB</source>
        <translation>ảnh xám được lặp thành RGB</translation>
    </message>
    <message>
        <source>colour images converted to grey</source>
        <translation>ảnh màu được chuyển thành ảnh xám</translation>
    </message>
    <message>
        <source>no backbone (nested model) to freeze</source>
        <translation>không có mạng xương sống (mô hình lồng) để đóng băng</translation>
    </message>
    <message>
        <source>every layer is trainable</source>
        <translation>mọi tầng đều huấn luyện được</translation>
    </message>
    <message>
        <source>this model has no dropout layer</source>
        <translation>mô hình này không có tầng dropout</translation>
    </message>
    <message>
        <source>only one device: training without MirroredStrategy</source>
        <translation>chỉ có một thiết bị: huấn luyện không dùng MirroredStrategy</translation>
    </message>
    <message>
        <source>mixed precision needs a GPU; training in float32</source>
        <translation>độ chính xác hỗn hợp cần GPU; huấn luyện bằng float32</translation>
    </message>
    <message>
        <source>mixed precision: float16 maths, float32 weights</source>
        <translation>độ chính xác hỗn hợp: tính toán float16, trọng số float32</translation>
    </message>
    <message>
        <source>dark ink on a light background: inverted (the model learned light ink on dark)</source>
        <translation>mực tối trên nền sáng: đã đảo màu (mô hình học với mực sáng trên nền tối)</translation>
    </message>
    <message>
        <source>HEIC (iPhone photo)</source>
        <translation>HEIC (ảnh iPhone)</translation>
    </message>
    <message>
        <source>SVG (vector drawing)</source>
        <translation>SVG (hình vẽ vectơ)</translation>
    </message>
    <message>
        <source>Add needs inputs of the same shape, got {shapes}; change one branch (a 1x1 Conv2D to match channels, strides to match size)</source>
        <translation>Add cần các đầu vào cùng kích thước, nhưng nhận {shapes}; hãy đổi một nhánh (một Conv2D 1x1 để khớp số kênh, bước trượt để khớp kích thước)</translation>
    </message>
    <message>
        <source>{setting} must be at least 1, got {value}</source>
        <translation>{setting} phải ít nhất là 1, nhưng là {value}</translation>
    </message>
    <message>
        <source>Bidirectional wraps a SimpleRNN, LSTM or GRU</source>
        <translation>Bidirectional bọc một SimpleRNN, LSTM hoặc GRU</translation>
    </message>
    <message>
        <source>BatchNormalization needs a known size on its axis</source>
        <translation>BatchNormalization cần biết kích thước trên trục của nó</translation>
    </message>
    <message>
        <source>only channels_last (height, width, channels) is supported here</source>
        <translation>ở đây chỉ hỗ trợ channels_last (cao, rộng, kênh)</translation>
    </message>
    <message>
        <source>Concatenate needs inputs with the same number of axes</source>
        <translation>Concatenate cần các đầu vào có cùng số trục</translation>
    </message>
    <message>
        <source>Concatenate joins along axis {axis}; the inputs differ on another axis: {shapes}</source>
        <translation>Concatenate nối theo trục {axis}; các đầu vào khác nhau ở một trục khác: {shapes}</translation>
    </message>
    <message>
        <source>Dense needs a known number of input features</source>
        <translation>Dense cần biết số đặc trưng đầu vào</translation>
    </message>
    <message>
        <source>Dense reads a vector, but its input is an image {shape}: add Flatten or GlobalAveragePooling2D before it</source>
        <translation>Dense đọc một vectơ, nhưng đầu vào của nó là ảnh {shape}: hãy thêm Flatten hoặc GlobalAveragePooling2D trước nó</translation>
    </message>
    <message>
        <source>depends on {name}, which has a problem (see that row)</source>
        <translation>phụ thuộc vào {name}, tầng đang có lỗi (xem dòng đó)</translation>
    </message>
    <message>
        <source>Embedding reads token numbers (one number per step), but its input is {shape}: give the model a (length,) integer input</source>
        <translation>Embedding đọc các mã token (mỗi bước một số), nhưng đầu vào của nó là {shape}: hãy cho mô hình một đầu vào số nguyên (độ dài,)</translation>
    </message>
    <message>
        <source>input_dim (vocabulary size) and output_dim must be at least 1</source>
        <translation>input_dim (kích thước từ vựng) và output_dim phải ít nhất là 1</translation>
    </message>
    <message>
        <source>filters and depth_multiplier must be at least 1</source>
        <translation>filters và depth_multiplier phải ít nhất là 1</translation>
    </message>
    <message>
        <source>groups ({groups}) must divide the input channels ({channels}) and the filters ({filters})</source>
        <translation>groups ({groups}) phải chia hết số kênh đầu vào ({channels}) và số bộ lọc ({filters})</translation>
    </message>
    <message>
        <source>give the input a shape, e.g. (32, 32, 3) for colour images</source>
        <translation>hãy cho đầu vào một kích thước, ví dụ (32, 32, 3) cho ảnh màu</translation>
    </message>
    <message>
        <source>every size of the input must be at least 1, got {shape}</source>
        <translation>mọi kích thước của đầu vào phải ít nhất là 1, nhưng là {shape}</translation>
    </message>
    <message>
        <source>kernel and stride must be at least 1 (got kernel {kernel}, stride {stride})</source>
        <translation>hạt nhân và bước trượt phải ít nhất là 1 (hạt nhân {kernel}, bước trượt {stride})</translation>
    </message>
    <message>
        <source>{layer} needs a known number of channels</source>
        <translation>{layer} cần biết số kênh</translation>
    </message>
    <message>
        <source>{layer} needs two or more inputs: pick them in its settings</source>
        <translation>{layer} cần từ hai đầu vào trở lên: hãy chọn chúng trong phần thiết lập của nó</translation>
    </message>
    <message>
        <source>the model gives output {index} of this layer (it has several); the builder links only a layer&apos;s first output: open the model as a file to view it</source>
        <translation>mô hình cho ra đầu ra thứ {index} của tầng này (tầng có nhiều đầu ra); trình dựng mạng chỉ nối đầu ra thứ nhất của một tầng: hãy mở mô hình dưới dạng tệp để xem</translation>
    </message>
    <message>
        <source>the name {name} is used twice; rename one of them</source>
        <translation>tên {name} được dùng hai lần; hãy đổi tên một trong hai</translation>
    </message>
    <message>
        <source>{layer} reads images (height, width, channels); its input is {shape}. Put it before Flatten, or use an image input</source>
        <translation>{layer} đọc ảnh (cao, rộng, kênh); đầu vào của nó là {shape}. Hãy đặt nó trước Flatten, hoặc dùng đầu vào là ảnh</translation>
    </message>
    <message>
        <source>reads {names}, which is not above it; pick its input again</source>
        <translation>đọc {names}, tầng không nằm phía trên nó; hãy chọn lại đầu vào của nó</translation>
    </message>
    <message>
        <source>a setting is not understood ({problem}); check this layer&apos;s settings</source>
        <translation>có một thiết lập không hiểu được ({problem}); hãy kiểm tra thiết lập của tầng này</translation>
    </message>
    <message>
        <source>reads no layer; add an Input layer above it or pick its input</source>
        <translation>không đọc tầng nào; hãy thêm một tầng Input phía trên nó hoặc chọn đầu vào cho nó</translation>
    </message>
    <message>
        <source>this layer reads one input, it is given {count}</source>
        <translation>tầng này đọc một đầu vào, nhưng được cho {count}</translation>
    </message>
    <message>
        <source>{layer} is not editable here: Keras computed its shape for another input; undo the change above it or remove it</source>
        <translation>{layer} không sửa được ở đây: Keras đã tính kích thước của nó cho một đầu vào khác; hãy hoàn tác thay đổi phía trên nó hoặc xóa nó</translation>
    </message>
    <message>
        <source>{layer} is not editable here and Keras has not computed its shape; build the model to see it</source>
        <translation>{layer} không sửa được ở đây và Keras chưa tính kích thước của nó; hãy dựng mô hình để xem</translation>
    </message>
    <message>
        <source>padding must be &apos;valid&apos; or &apos;same&apos;, got {value}</source>
        <translation>padding phải là &apos;valid&apos; hoặc &apos;same&apos;, nhưng là {value}</translation>
    </message>
    <message>
        <source>PReLU needs known sizes (or shared_axes over the unknown ones)</source>
        <translation>PReLU cần biết các kích thước (hoặc shared_axes trên các trục chưa biết)</translation>
    </message>
    <message>
        <source>Reshape to {target} needs {needed} values; its input {shape} has {have}</source>
        <translation>Reshape thành {target} cần {needed} giá trị; đầu vào {shape} của nó có {have}</translation>
    </message>
    <message>
        <source>merge_mode None gives two outputs (one per direction); the builder keeps one output per layer: choose concat, sum, mul or ave</source>
        <translation>merge_mode None cho hai đầu ra (mỗi chiều một đầu ra); trình dựng mạng chỉ giữ một đầu ra cho mỗi tầng: hãy chọn concat, sum, mul hoặc ave</translation>
    </message>
    <message>
        <source>reads output {index} of {name} (a layer with several outputs, such as an LSTM&apos;s states); the builder links only a layer&apos;s first output: open the model as a file to view it</source>
        <translation>đọc đầu ra thứ {index} của {name} (một tầng có nhiều đầu ra, như các trạng thái của LSTM); trình dựng mạng chỉ nối đầu ra thứ nhất của một tầng: hãy mở mô hình dưới dạng tệp để xem</translation>
    </message>
    <message>
        <source>{layer} needs a known number of features per step</source>
        <translation>{layer} cần biết số đặc trưng ở mỗi bước</translation>
    </message>
    <message>
        <source>{layer} reads sequences (steps, features), but its input is {shape}: add Embedding or Reshape before it</source>
        <translation>{layer} đọc chuỗi (bước, đặc trưng), nhưng đầu vào của nó là {shape}: hãy thêm Embedding hoặc Reshape trước nó</translation>
    </message>
    <message>
        <source>{layer} reads sequences (steps, features), but its input is images {shape}: add Reshape before it, or use Conv2D</source>
        <translation>{layer} đọc chuỗi (bước, đặc trưng), nhưng đầu vào của nó là ảnh {shape}: hãy thêm Reshape trước nó, hoặc dùng Conv2D</translation>
    </message>
    <message>
        <source>also takes {argument} from {names}, a link the builder cannot keep (it links layers through their main input only): open the model as a file to view it</source>
        <translation>còn nhận {argument} từ {names}, một liên kết trình dựng mạng không giữ được (nó chỉ nối các tầng qua đầu vào chính): hãy mở mô hình dưới dạng tệp để xem</translation>
    </message>
    <message>
        <source>this layer is used {count} times (shared weights); the builder edits layers used once: open the model as a file to view it</source>
        <translation>tầng này được dùng {count} lần (trọng số dùng chung); trình dựng mạng chỉ sửa các tầng dùng một lần: hãy mở mô hình dưới dạng tệp để xem</translation>
    </message>
    <message>
        <source>the {axis} ({size}) is smaller than the window ({window}) with &apos;valid&apos; padding: the output would be {out}. Use &apos;same&apos; padding, a smaller kernel, or remove a pooling layer before it</source>
        <translation>{axis} ({size}) nhỏ hơn cửa sổ ({window}) với padding &apos;valid&apos;: đầu ra sẽ là {out}. Hãy dùng padding &apos;same&apos;, hạt nhân nhỏ hơn, hoặc bỏ bớt một tầng gộp phía trước</translation>
    </message>
    <message>
        <source>the {what} needs two numbers (height, width), got {value}</source>
        <translation>{what} cần hai số (cao, rộng), nhưng là {value}</translation>
    </message>
    <message>
        <source>the {what} must be whole numbers, got {value}</source>
        <translation>{what} phải là số nguyên, nhưng là {value}</translation>
    </message>
    <message>
        <source>height</source>
        <translation>chiều cao</translation>
    </message>
    <message>
        <source>width</source>
        <translation>chiều rộng</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>kích thước hạt nhân</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>bước trượt</translation>
    </message>
    <message>
        <source>dilation</source>
        <translation>độ giãn</translation>
    </message>
    <message>
        <source>size</source>
        <translation>kích thước</translation>
    </message>
    <message>
        <source>{name} does not exist; check the path or pick the file again</source>
        <translation>{name} không tồn tại; hãy kiểm tra đường dẫn hoặc chọn lại tệp</translation>
    </message>
    <message>
        <source>{name} is a folder, not an image file; pick an image inside it (or load the folder as a dataset)</source>
        <translation>{name} là một thư mục, không phải tệp ảnh; hãy chọn một ảnh bên trong (hoặc nạp thư mục đó làm bộ dữ liệu)</translation>
    </message>
    <message>
        <source>{name} is not an ordinary file (a device or pipe); pick an image file</source>
        <translation>{name} không phải tệp thông thường (một thiết bị hoặc pipe); hãy chọn một tệp ảnh</translation>
    </message>
    <message>
        <source>{name} cannot be read ({detail}); check that you may open it</source>
        <translation>Không đọc được {name} ({detail}); hãy kiểm tra bạn có quyền mở nó không</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes); re-save or re-download it</source>
        <translation>{name} rỗng (0 byte); hãy lưu lại hoặc tải lại nó</translation>
    </message>
    <message>
        <source>{name} is {detail}, more than the limit of {limit}; make a smaller copy</source>
        <translation>{name} lớn {detail}, vượt giới hạn {limit}; hãy tạo một bản nhỏ hơn</translation>
    </message>
    <message>
        <source>{name} is in {detail} format, which dlviz does not open; save it as one of PNG, JPEG, GIF, BMP, TIFF, WEBP</source>
        <translation>{name} ở định dạng {detail}, dlviz không mở định dạng này; hãy lưu nó thành một trong các định dạng PNG, JPEG, GIF, BMP, TIFF, WEBP</translation>
    </message>
    <message>
        <source>{name} is not an image (its contents match no picture format); pick a PNG, JPEG, GIF, BMP, TIFF, WEBP file</source>
        <translation>{name} không phải ảnh (nội dung không khớp định dạng ảnh nào); hãy chọn một tệp PNG, JPEG, GIF, BMP, TIFF, WEBP</translation>
    </message>
    <message>
        <source>{name} is truncated (the file ends early); re-save or re-download it</source>
        <translation>{name} bị cắt cụt (tệp kết thúc sớm); hãy lưu lại hoặc tải lại nó</translation>
    </message>
    <message>
        <source>{name} is damaged (its picture data cannot be decoded); re-save or re-download it</source>
        <translation>{name} bị hỏng (không giải mã được dữ liệu ảnh); hãy lưu lại hoặc tải lại nó</translation>
    </message>
    <message>
        <source>{name} is {detail}, over the safety limit of {limit}; a picture this big may be a &apos;decompression bomb&apos; made to exhaust memory, so make a smaller copy if you trust it</source>
        <translation>{name} có {detail}, vượt giới hạn an toàn {limit}; một ảnh lớn như vậy có thể là &apos;bom giải nén&apos; nhằm làm cạn bộ nhớ, nên hãy tạo một bản nhỏ hơn nếu bạn tin nguồn của nó</translation>
    </message>
    <message>
        <source>{name} uses the {detail} pixel mode, which dlviz cannot convert; save it as an ordinary RGB or greyscale image</source>
        <translation>{name} dùng chế độ điểm ảnh {detail}, dlviz không chuyển đổi được; hãy lưu nó thành ảnh RGB hoặc ảnh xám thông thường</translation>
    </message>
    <message>
        <source>{name} needs more memory to decode than is free; close other programs or make a smaller copy</source>
        <translation>{name} cần nhiều bộ nhớ để giải mã hơn lượng còn trống; hãy đóng các chương trình khác hoặc tạo một bản nhỏ hơn</translation>
    </message>
</context>
<context>
    <name>CoreTexts</name>
    <message>
        <source>Digits (bundled)</source>
        <translation>Chữ số (có sẵn)</translation>
    </message>
    <message>
        <source>Shapes (generated)</source>
        <translation>Hình khối (sinh tự động)</translation>
    </message>
    <message>
        <source>Shapes, hard (a challenge: near chance for many epochs)</source>
        <translation>Hình khối, khó (thử thách: gần mức đoán mò trong nhiều epoch)</translation>
    </message>
    <message>
        <source>Image folder…</source>
        <translation>Thư mục ảnh…</translation>
    </message>
    <message>
        <source>MNIST (downloaded when online)</source>
        <translation>MNIST (tải về khi có mạng)</translation>
    </message>
    <message>
        <source>Fashion-MNIST (downloaded when online)</source>
        <translation>Fashion-MNIST (tải về khi có mạng)</translation>
    </message>
    <message>
        <source>CIFAR-10 (downloaded when online)</source>
        <translation>CIFAR-10 (tải về khi có mạng)</translation>
    </message>
    <message>
        <source>Your own CSV/TSV file of (text, label) rows…</source>
        <translation>Tệp CSV/TSV của bạn gồm các dòng (văn bản, nhãn)…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>one subfolder per class</source>
        <translation>mỗi lớp một thư mục con</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>a .csv or .tsv file: text, label</source>
        <translation>một tệp .csv hoặc .tsv: văn bản, nhãn</translation>
    </message>
    <message>
        <source>How many images to generate or use (default: all, or a default number of generated shapes)</source>
        <translation>Số ảnh cần sinh hoặc dùng (mặc định: tất cả, hoặc một số lượng hình khối sinh tự động mặc định)</translation>
    </message>
    <message>
        <source>How many sentences to generate or use (default: the set&apos;s own size, or every row of a file)</source>
        <translation>Số câu cần sinh hoặc dùng (mặc định: kích thước của bộ dữ liệu, hoặc mọi dòng của tệp)</translation>
    </message>
    <message>
        <source>Keras writes h = z∘h₋₁ + (1−z)∘h̃; many course notes swap z and 1−z (z there is Keras&apos;s 1−z).</source>
        <translation>Keras viết h = z∘h₋₁ + (1−z)∘h̃; nhiều giáo trình đổi chỗ z và 1−z (z ở đó là 1−z của Keras).</translation>
    </message>
    <message>
        <source>input gate i</source>
        <translation>cổng đầu vào i</translation>
    </message>
    <message>
        <source>forget gate f</source>
        <translation>cổng quên f</translation>
    </message>
    <message>
        <source>candidate g</source>
        <translation>ứng viên g</translation>
    </message>
    <message>
        <source>output gate o</source>
        <translation>cổng đầu ra o</translation>
    </message>
    <message>
        <source>cell state c</source>
        <translation>trạng thái ô c</translation>
    </message>
    <message>
        <source>hidden state h</source>
        <translation>trạng thái ẩn h</translation>
    </message>
    <message>
        <source>update gate z</source>
        <translation>cổng cập nhật z</translation>
    </message>
    <message>
        <source>reset gate r</source>
        <translation>cổng xóa r</translation>
    </message>
    <message>
        <source>candidate h̃</source>
        <translation>ứng viên h̃</translation>
    </message>
    <message>
        <source>English sentiment sentences (generated, 3,000)</source>
        <translation>Câu cảm xúc tiếng Anh (sinh tự động, 3.000)</translation>
    </message>
    <message>
        <source>Vietnamese sentiment sentences (generated, 3,000)</source>
        <translation>Câu cảm xúc tiếng Việt (sinh tự động, 3.000)</translation>
    </message>
    <message>
        <source>English sentences with a tag per word (generated, 3,000)</source>
        <translation>Câu tiếng Anh có nhãn cho từng từ (sinh tự động, 3.000)</translation>
    </message>
    <message>
        <source>long-dependency task: the first of 100 tokens sets the class (2,000)</source>
        <translation>bài toán phụ thuộc xa: token đầu tiên trong 100 token quyết định lớp (2.000)</translation>
    </message>
    <message>
        <source>Dates in English and Vietnamese to ISO dates (generated, 6,000)</source>
        <translation>Ngày tháng tiếng Anh và tiếng Việt sang dạng ISO (sinh tự động, 6.000)</translation>
    </message>
    <message>
        <source>English dates to ISO dates (generated, 4,000)</source>
        <translation>Ngày tháng tiếng Anh sang dạng ISO (sinh tự động, 4.000)</translation>
    </message>
    <message>
        <source>Vietnamese dates to ISO dates (generated, 4,000)</source>
        <translation>Ngày tháng tiếng Việt sang dạng ISO (sinh tự động, 4.000)</translation>
    </message>
    <message>
        <source>English phrases to Vietnamese (generated, 6,000)</source>
        <translation>Cụm từ tiếng Anh sang tiếng Việt (sinh tự động, 6.000)</translation>
    </message>
    <message>
        <source>Vietnamese phrases to English (generated, 6,000)</source>
        <translation>Cụm từ tiếng Việt sang tiếng Anh (sinh tự động, 6.000)</translation>
    </message>
    <message>
        <source>Shape scenes with English captions (generated)</source>
        <translation>Cảnh hình khối có chú thích tiếng Anh (sinh tự động)</translation>
    </message>
    <message>
        <source>Shape scenes with Vietnamese captions (generated)</source>
        <translation>Cảnh hình khối có chú thích tiếng Việt (sinh tự động)</translation>
    </message>
    <message>
        <source>Digit strings (generated handwriting, 1-6 digits)</source>
        <translation>Chuỗi chữ số (chữ viết tay sinh tự động, 1-6 chữ số)</translation>
    </message>
    <message>
        <source>Trained models</source>
        <translation>Mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>AlexNet mini, trained on shapes</source>
        <translation>AlexNet mini, đã huấn luyện trên hình khối</translation>
    </message>
    <message>
        <source>LeNet-5, trained on digits</source>
        <translation>LeNet-5, đã huấn luyện trên chữ số</translation>
    </message>
    <message>
        <source>CNN models</source>
        <translation>Mô hình CNN</translation>
    </message>
    <message>
        <source>LeNet-5 (1998)</source>
        <translation>LeNet-5 (1998)</translation>
    </message>
    <message>
        <source>32x32 grey digits; tanh and average pooling as in LeCun et al. 1998.</source>
        <translation>Chữ số xám 32x32; tanh và gộp trung bình như LeCun và cộng sự 1998.</translation>
    </message>
    <message>
        <source>LeNet-5, ReLU + max pooling</source>
        <translation>LeNet-5, ReLU + gộp cực đại</translation>
    </message>
    <message>
        <source>The same layers with the activations used today.</source>
        <translation>Cùng các tầng đó với các hàm kích hoạt dùng ngày nay.</translation>
    </message>
    <message>
        <source>AlexNet (2012)</source>
        <translation>AlexNet (2012)</translation>
    </message>
    <message>
        <source>227x227 RGB, ReLU, local response normalisation, grouped convolutions.</source>
        <translation>RGB 227x227, ReLU, chuẩn hóa phản hồi cục bộ, tích chập theo nhóm.</translation>
    </message>
    <message>
        <source>AlexNet mini</source>
        <translation>AlexNet mini</translation>
    </message>
    <message>
        <source>AlexNet&apos;s layer pattern at 32x32 for CPU training.</source>
        <translation>Cấu trúc tầng của AlexNet ở kích thước 32x32 để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>VGG-16 (2014)</source>
        <translation>VGG-16 (2014)</translation>
    </message>
    <message>
        <source>Thirteen 3x3 convolutions in five blocks, three dense layers.</source>
        <translation>Mười ba tầng tích chập 3x3 trong năm khối, ba tầng kết nối đầy đủ.</translation>
    </message>
    <message>
        <source>VGG-16 mini</source>
        <translation>VGG-16 mini</translation>
    </message>
    <message>
        <source>VGG-16&apos;s blocks at 32x32 with narrower layers for CPU training.</source>
        <translation>Các khối của VGG-16 ở kích thước 32x32 với các tầng hẹp hơn để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>GoogLeNet / Inception v1 (2014)</source>
        <translation>GoogLeNet / Inception v1 (2014)</translation>
    </message>
    <message>
        <source>Inception blocks (1x1, 3x3, 5x5, pool) and two auxiliary heads.</source>
        <translation>Các khối Inception (1x1, 3x3, 5x5, gộp) và hai đầu ra phụ.</translation>
    </message>
    <message>
        <source>GoogLeNet mini</source>
        <translation>GoogLeNet mini</translation>
    </message>
    <message>
        <source>Inception blocks at 32x32 for CPU training.</source>
        <translation>Các khối Inception ở kích thước 32x32 để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>ResNet-50 (2015)</source>
        <translation>ResNet-50 (2015)</translation>
    </message>
    <message>
        <source>Convolutional and identity blocks with skip connections and batch norm.</source>
        <translation>Các khối tích chập và khối đồng nhất với kết nối tắt và chuẩn hóa theo lô.</translation>
    </message>
    <message>
        <source>ResNet-50 mini</source>
        <translation>ResNet-50 mini</translation>
    </message>
    <message>
        <source>ResNet-50&apos;s blocks at 32x32 for CPU training.</source>
        <translation>Các khối của ResNet-50 ở kích thước 32x32 để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>MobileNet v1 (2017)</source>
        <translation>MobileNet v1 (2017)</translation>
    </message>
    <message>
        <source>Depthwise 3x3 + pointwise 1x1 convolutions; width multiplier alpha.</source>
        <translation>Tích chập theo chiều sâu 3x3 + tích chập điểm 1x1; hệ số độ rộng alpha.</translation>
    </message>
    <message>
        <source>MobileNet mini</source>
        <translation>MobileNet mini</translation>
    </message>
    <message>
        <source>MobileNet at 32x32 for CPU training.</source>
        <translation>MobileNet ở kích thước 32x32 để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>ImageNet models</source>
        <translation>Mô hình ImageNet</translation>
    </message>
    <message>
        <source>VGG-16, ImageNet weights</source>
        <translation>VGG-16, trọng số ImageNet</translation>
    </message>
    <message>
        <source>keras.applications.VGG16 trained on ImageNet (1000 classes, 224x224, caffe preprocessing; 528 MB download).</source>
        <translation>keras.applications.VGG16 đã huấn luyện trên ImageNet (1000 lớp, 224x224, tiền xử lý caffe; tải về 528 MB).</translation>
    </message>
    <message>
        <source>ResNet-50, ImageNet weights</source>
        <translation>ResNet-50, trọng số ImageNet</translation>
    </message>
    <message>
        <source>keras.applications.ResNet50 trained on ImageNet (1000 classes, 224x224, caffe preprocessing; 98 MB download).</source>
        <translation>keras.applications.ResNet50 đã huấn luyện trên ImageNet (1000 lớp, 224x224, tiền xử lý caffe; tải về 98 MB).</translation>
    </message>
    <message>
        <source>MobileNet, ImageNet weights</source>
        <translation>MobileNet, trọng số ImageNet</translation>
    </message>
    <message>
        <source>keras.applications.MobileNet trained on ImageNet (1000 classes, 224x224, tf preprocessing; 16 MB download).</source>
        <translation>keras.applications.MobileNet đã huấn luyện trên ImageNet (1000 lớp, 224x224, tiền xử lý tf; tải về 16 MB).</translation>
    </message>
    <message>
        <source>Inception v3, ImageNet weights</source>
        <translation>Inception v3, trọng số ImageNet</translation>
    </message>
    <message>
        <source>keras.applications.InceptionV3 trained on ImageNet (1000 classes, 299x299, tf preprocessing; 92 MB download).</source>
        <translation>keras.applications.InceptionV3 đã huấn luyện trên ImageNet (1000 lớp, 299x299, tiền xử lý tf; tải về 92 MB).</translation>
    </message>
    <message>
        <source>LSTM, trained on English sentiment</source>
        <translation>LSTM, đã huấn luyện trên cảm xúc tiếng Anh</translation>
    </message>
    <message>
        <source>LSTM, trained on Vietnamese sentiment</source>
        <translation>LSTM, đã huấn luyện trên cảm xúc tiếng Việt</translation>
    </message>
    <message>
        <source>GRU, trained on English sentiment</source>
        <translation>GRU, đã huấn luyện trên cảm xúc tiếng Anh</translation>
    </message>
    <message>
        <source>Bidirectional LSTM tagger, English</source>
        <translation>Bộ gán nhãn LSTM hai chiều, tiếng Anh</translation>
    </message>
    <message>
        <source>SimpleRNN, trained on English sentiment</source>
        <translation>SimpleRNN, đã huấn luyện trên cảm xúc tiếng Anh</translation>
    </message>
    <message>
        <source>Sequence models</source>
        <translation>Mô hình chuỗi</translation>
    </message>
    <message>
        <source>LSTM classifier</source>
        <translation>Bộ phân loại LSTM</translation>
    </message>
    <message>
        <source>Embedding, one LSTM, softmax: sentiment (negative/neutral/positive) or any labelled sentences; many-to-one.</source>
        <translation>Embedding, một LSTM, softmax: cảm xúc (tiêu cực/trung tính/tích cực) hoặc câu có nhãn bất kỳ; nhiều-một.</translation>
    </message>
    <message>
        <source>GRU classifier</source>
        <translation>Bộ phân loại GRU</translation>
    </message>
    <message>
        <source>Embedding, one GRU (Keras: h = z*h_prev + (1-z)*h~), softmax; many-to-one.</source>
        <translation>Embedding, một GRU (Keras: h = z*h_prev + (1-z)*h~), softmax; nhiều-một.</translation>
    </message>
    <message>
        <source>SimpleRNN classifier</source>
        <translation>Bộ phân loại SimpleRNN</translation>
    </message>
    <message>
        <source>Embedding, one SimpleRNN (s_t = tanh(W s_t-1 + U x_t)), softmax: no gates, so it forgets the start of long sentences.</source>
        <translation>Embedding, một SimpleRNN (s_t = tanh(W s_t-1 + U x_t)), softmax: không có cổng, nên nó quên phần đầu của câu dài.</translation>
    </message>
    <message>
        <source>Bidirectional LSTM classifier</source>
        <translation>Bộ phân loại LSTM hai chiều</translation>
    </message>
    <message>
        <source>An LSTM reading forward and one reading backward, their last states joined.</source>
        <translation>Một LSTM đọc xuôi và một LSTM đọc ngược, nối các trạng thái cuối của chúng.</translation>
    </message>
    <message>
        <source>LSTM classifier, 2 stacked layers</source>
        <translation>Bộ phân loại LSTM, 2 tầng xếp chồng</translation>
    </message>
    <message>
        <source>Two LSTM layers: the second reads the first&apos;s states at every step.</source>
        <translation>Hai tầng LSTM: tầng thứ hai đọc các trạng thái của tầng thứ nhất ở mọi bước.</translation>
    </message>
    <message>
        <source>Bidirectional LSTM tagger</source>
        <translation>Bộ gán nhãn LSTM hai chiều</translation>
    </message>
    <message>
        <source>A tag for every word (many-to-many, aligned), reading both ways.</source>
        <translation>Một nhãn cho mỗi từ (nhiều-nhiều, thẳng hàng), đọc cả hai chiều.</translation>
    </message>
    <message>
        <source>LSTM tagger</source>
        <translation>Bộ gán nhãn LSTM</translation>
    </message>
    <message>
        <source>A tag for every word, reading left to right only.</source>
        <translation>Một nhãn cho mỗi từ, chỉ đọc từ trái sang phải.</translation>
    </message>
    <message>
        <source>Bidirectional GRU tagger</source>
        <translation>Bộ gán nhãn GRU hai chiều</translation>
    </message>
    <message>
        <source>A tag for every word with GRUs reading both ways.</source>
        <translation>Một nhãn cho mỗi từ với các GRU đọc cả hai chiều.</translation>
    </message>
    <message>
        <source>CRNN, trained on digit strings</source>
        <translation>CRNN, đã huấn luyện trên chuỗi chữ số</translation>
    </message>
    <message>
        <source>CRNN models</source>
        <translation>Mô hình CRNN</translation>
    </message>
    <message>
        <source>CRNN: CNN + BiLSTM + CTC</source>
        <translation>CRNN: CNN + BiLSTM + CTC</translation>
    </message>
    <message>
        <source>Reads handwritten digit strings (32x128): conv blocks, the map&apos;s 32 columns as time steps, a bidirectional LSTM, a softmax per column with the CTC blank.</source>
        <translation>Đọc chuỗi chữ số viết tay (32x128): các khối tích chập, 32 cột của bản đồ đặc trưng làm các bước thời gian, một LSTM hai chiều, một softmax cho mỗi cột với ký tự trống CTC.</translation>
    </message>
    <message>
        <source>Dates to ISO, dot attention</source>
        <translation>Ngày tháng sang ISO, chú ý tích vô hướng</translation>
    </message>
    <message>
        <source>Dates to ISO, general attention</source>
        <translation>Ngày tháng sang ISO, chú ý tổng quát</translation>
    </message>
    <message>
        <source>Dates to ISO, additive attention</source>
        <translation>Ngày tháng sang ISO, chú ý cộng</translation>
    </message>
    <message>
        <source>Dates to ISO, cosine attention</source>
        <translation>Ngày tháng sang ISO, chú ý cosin</translation>
    </message>
    <message>
        <source>Seq2seq models</source>
        <translation>Mô hình Seq2seq</translation>
    </message>
    <message>
        <source>Encoder-decoder with attention (dates)</source>
        <translation>Bộ mã hóa-giải mã có cơ chế chú ý (ngày tháng)</translation>
    </message>
    <message>
        <source>An LSTM reads a date as people write it, another writes it as ISO 1987-03-10 character by character, looking at the source through attention (score: dot, general, additive or cosine); the decoder starts from zeros, so all it knows of the source comes through attention.</source>
        <translation>Một LSTM đọc ngày tháng như người ta viết, một LSTM khác viết lại dạng ISO 1987-03-10 từng ký tự một, nhìn vào chuỗi nguồn qua cơ chế chú ý (hàm tính điểm: tích vô hướng, tổng quát, cộng hoặc cosin); bộ giải mã bắt đầu từ các số 0, nên mọi điều nó biết về chuỗi nguồn đều đến qua cơ chế chú ý.</translation>
    </message>
    <message>
        <source>Bidirectional GRU encoder-decoder, additive attention</source>
        <translation>Bộ mã hóa-giải mã GRU hai chiều, chú ý cộng</translation>
    </message>
    <message>
        <source>Bahdanau&apos;s design: a GRU reading both ways, a GRU decoder starting from its last states, additive attention; for phrase translation.</source>
        <translation>Thiết kế của Bahdanau: một GRU đọc cả hai chiều, bộ giải mã GRU bắt đầu từ các trạng thái cuối của nó, chú ý cộng; dùng để dịch cụm từ.</translation>
    </message>
    <message>
        <source>Shape captioner with attention, trained on scenes</source>
        <translation>Mô hình chú thích hình khối có cơ chế chú ý, đã huấn luyện trên các cảnh</translation>
    </message>
    <message>
        <source>Shape captioner with attention, Vietnamese captions</source>
        <translation>Mô hình chú thích hình khối có cơ chế chú ý, chú thích tiếng Việt</translation>
    </message>
    <message>
        <source>Captioning models</source>
        <translation>Mô hình chú thích ảnh</translation>
    </message>
    <message>
        <source>Image captioner: CNN + LSTM with attention</source>
        <translation>Mô hình chú thích ảnh: CNN + LSTM có cơ chế chú ý</translation>
    </message>
    <message>
        <source>One-to-many: a CNN turns a 64x64 scene into 8x8 regions, an LSTM writes its caption word by word (&apos;a red circle above a blue square&apos;), attending over the regions.</source>
        <translation>Một-nhiều: một CNN biến cảnh 64x64 thành 8x8 vùng, một LSTM viết chú thích từng từ một (&apos;a red circle above a blue square&apos;), chú ý trên các vùng đó.</translation>
    </message>
</context>
<context>
    <name>CostController</name>
    <message>
        <source>The engine is training a model: the costs are measured when training stops.</source>
        <translation>Bộ máy đang huấn luyện một mô hình: chi phí sẽ được đo khi huấn luyện dừng.</translation>
    </message>
    <message>
        <source>Building the layers to compare…</source>
        <translation>Đang dựng các tầng để so sánh…</translation>
    </message>
    <message>
        <source>Building and counting each network:</source>
        <translation>Đang dựng và đếm từng mạng:</translation>
    </message>
    <message>
        <source>Building VGG-16, GoogLeNet, ResNet-50 and MobileNet to count them (about a minute, once)…</source>
        <translation>Đang dựng VGG-16, GoogLeNet, ResNet-50 và MobileNet để đếm (khoảng một phút, chỉ một lần)…</translation>
    </message>
</context>
<context>
    <name>CostView</name>
    <message>
        <source>Pick a model: its convolutions are compared here.</source>
        <translation>Chọn một mô hình: các tầng tích chập của nó được so sánh ở đây.</translation>
    </message>
    <message>
        <source>Convolution:</source>
        <translation>Tầng tích chập:</translation>
    </message>
    <message>
        <source>One 5×5 convolution or two stacked 3×3</source>
        <translation>Một tích chập 5×5 hay hai tích chập 3×3 xếp chồng</translation>
    </message>
    <message>
        <source>Standard or depthwise separable convolution</source>
        <translation>Tích chập thường hay tích chập tách biệt theo chiều sâu</translation>
    </message>
    <message>
        <source>{0} → {1} channels, {2}×{3} kernel, output {4}×{5}</source>
        <translation>{0} → {1} kênh, hạt nhân {2}×{3}, đầu ra {4}×{5}</translation>
    </message>
    <message>
        <source>This model has no 2-D convolution; an example layer stands in: {0}.</source>
        <translation>Mô hình này không có tích chập 2 chiều; một tầng ví dụ được dùng thay: {0}.</translation>
    </message>
    <message>
        <source>{0}: {1}. Layers built for these channels and counted by Keras.</source>
        <translation>{0}: {1}. Các tầng được dựng cho các kênh này và do Keras đếm.</translation>
    </message>
    <message>
        <source>Two 3×3 hold {0} of the weights of one 5×5 per channel pair (2×9/25) and see the same {1}×{1} pixels.</source>
        <translation>Hai tích chập 3×3 có {0} số trọng số của một tích chập 5×5 cho mỗi cặp kênh (2×9/25) và nhìn cùng {1}×{1} điểm ảnh.</translation>
    </message>
    <message>
        <source>Here the first 3×3 maps {0} → {1} channels and the second {1} → {1}, so all weights together come to {2}.</source>
        <translation>Ở đây tích chập 3×3 thứ nhất biến {0} → {1} kênh và cái thứ hai {1} → {1}, nên tổng cộng mọi trọng số là {2}.</translation>
    </message>
    <message>
        <source>The stack also has a nonlinearity between its two layers.</source>
        <translation>Cặp xếp chồng còn có thêm một hàm phi tuyến giữa hai tầng.</translation>
    </message>
    <message>
        <source>Weights per channel pair</source>
        <translation>Trọng số mỗi cặp kênh</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Trọng số</translation>
    </message>
    <message>
        <source>Parameters (with biases)</source>
        <translation>Tham số (kể cả độ chệch)</translation>
    </message>
    <message>
        <source>Multiply-accumulates</source>
        <translation>Phép nhân-cộng</translation>
    </message>
    <message>
        <source>Receptive field (pixels)</source>
        <translation>Vùng tiếp nhận (điểm ảnh)</translation>
    </message>
    <message>
        <source>one 5×5</source>
        <translation>một 5×5</translation>
    </message>
    <message>
        <source>two 3×3</source>
        <translation>hai 3×3</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>tỉ lệ</translation>
    </message>
    <message>
        <source>Depthwise separable needs {0} of the operations; MobileNet&apos;s estimate 1/N + 1/Dk² = 1/{1} + 1/{2} = {3}.</source>
        <translation>Tích chập tách biệt theo chiều sâu cần {0} số phép tính; ước lượng của MobileNet 1/N + 1/Dk² = 1/{1} + 1/{2} = {3}.</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>thường</translation>
    </message>
    <message>
        <source>separable</source>
        <translation>tách biệt</translation>
    </message>
</context>
<context>
    <name>CtcPlot</name>
    <message>
        <source>column {0} of {1} (image x {2}–{3})</source>
        <extracomment>Left axis width (class names), pixels; the path row&apos;s offset below the classes.</extracomment>
        <translation>cột {0} trên {1} (ảnh x {2}–{3})</translation>
    </message>
    <message>
        <source>best: “{0}” {1}</source>
        <translation>tốt nhất: “{0}” {1}</translation>
    </message>
    <message>
        <source>{0} · class “{1}”: {2} · {3}</source>
        <translation>{0} · lớp “{1}”: {2} · {3}</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>trống</translation>
    </message>
    <message>
        <source>time step (a column of the feature map) →</source>
        <translation>bước thời gian (một cột của bản đồ đặc trưng) →</translation>
    </message>
</context>
<context>
    <name>CtcView</name>
    <message>
        <source>Each column is one time step; brighter = likelier; red = the likeliest class of a column (— is the CTC blank). Merge repeats, then drop blanks: that is the string. Point at a column to see its probabilities.</source>
        <translation>Mỗi cột là một bước thời gian; sáng hơn = khả năng cao hơn; đỏ = lớp có khả năng nhất của cột (— là ký tự trống CTC). Gộp các ký tự lặp, rồi bỏ ký tự trống: đó là chuỗi đọc được. Trỏ vào một cột để xem các xác suất của nó.</translation>
    </message>
    <message>
        <source>best path        {0}
merge repeats →  {1}
drop blanks   →  {2}</source>
        <translation>đường tốt nhất   {0}
gộp ký tự lặp →  {1}
bỏ ký tự trống → {2}</translation>
    </message>
    <message>
        <source>(nothing: every column is blank)</source>
        <translation>(không có gì: mọi cột đều là ký tự trống)</translation>
    </message>
    <message>
        <source>This model reads no strings</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Mô hình này không đọc chuỗi ký tự</translation>
    </message>
    <message>
        <source>What the CRNN reads, column by column</source>
        <translation>CRNN đọc được gì, từng cột một</translation>
    </message>
    <message>
        <source>Pick CRNN, trained on digit strings, then drop or draw digits.</source>
        <translation>Chọn CRNN đã huấn luyện trên chuỗi chữ số, rồi thả ảnh hoặc vẽ chữ số.</translation>
    </message>
    <message>
        <source> · live, step {0}</source>
        <translation> · trực tiếp, bước {0}</translation>
    </message>
    <message>
        <source>{0}: {1} columns</source>
        <translation>{0}: {1} cột</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Reads: {0}</source>
        <translation>Đọc được: {0}</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>per batch</source>
        <extracomment>(curve&apos;s colour, glyph drawn in it, its name in the key), as the plots draw them.</extracomment>
        <translation>theo từng lô</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>đã làm mượt</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>huấn luyện (epoch)</translation>
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation>kiểm định (epoch)</translation>
    </message>
</context>
<context>
    <name>DeadReluView</name>
    <message>
        <source>Units that output 0 for every probe input have stopped learning.</source>
        <translation>Các đơn vị cho đầu ra 0 với mọi đầu vào thăm dò đã ngừng học.</translation>
    </message>
    <message>
        <source>This model has no ReLU layer, so no unit can die this way.</source>
        <translation>Mô hình này không có tầng ReLU, nên không đơn vị nào có thể chết theo cách này.</translation>
    </message>
    <message>
        <source>{0}: {1} of units dead</source>
        <translation>{0}: {1} đơn vị đã chết</translation>
    </message>
</context>
<context>
    <name>DigitCanvasPanel</name>
    <message>
        <source>Read</source>
        <extracomment>The board in pixels (height, width), and the pen.</extracomment>
        <translation>Đọc</translation>
    </message>
    <message>
        <source>Send the drawing to the model, as if it were dropped</source>
        <translation>Gửi hình vẽ cho mô hình, như khi thả một ảnh vào</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Write digits with the mouse (light ink on the dark board), then Read.</source>
        <translation>Viết chữ số bằng chuột (mực sáng trên bảng tối), rồi bấm Đọc.</translation>
    </message>
    <message>
        <source>The board is empty: write some digits first, then Read.</source>
        <translation>Bảng đang trống: hãy viết vài chữ số trước, rồi bấm Đọc.</translation>
    </message>
    <message>
        <source>Sent. Write more or Clear to start again.</source>
        <translation>Đã gửi. Viết thêm, hoặc bấm Xóa để bắt đầu lại.</translation>
    </message>
    <message>
        <source>drawing {0}</source>
        <translation>hình vẽ {0}</translation>
    </message>
</context>
<context>
    <name>ExplainMenu</name>
    <message>
        <source>&amp;Explain</source>
        <translation>&amp;Giải thích</translation>
    </message>
    <message>
        <source>&amp;Convolution vs cross-correlation…</source>
        <translation>&amp;Tích chập và tương quan chéo…</translation>
    </message>
    <message>
        <source>&amp;Stride and padding…</source>
        <translation>&amp;Bước trượt và đệm…</translation>
    </message>
    <message>
        <source>&amp;Pooling, flatten, dense and softmax…</source>
        <translation>&amp;Gộp, làm phẳng, tầng dense và softmax…</translation>
    </message>
    <message>
        <source>&amp;Activation functions…</source>
        <translation>&amp;Hàm kích hoạt…</translation>
    </message>
</context>
<context>
    <name>ExplainerWindow</name>
    <message>
        <source>dlviz — explain the operations</source>
        <extracomment>The pages, in the menu&apos;s and the tabs&apos; order.</extracomment>
        <translation>dlviz — giải thích các phép toán</translation>
    </message>
    <message>
        <source>Convolution vs cross-correlation</source>
        <translation>Tích chập và tương quan chéo</translation>
    </message>
    <message>
        <source>Stride and padding</source>
        <translation>Bước trượt và đệm</translation>
    </message>
    <message>
        <source>Pooling, flatten, dense, softmax</source>
        <translation>Gộp, làm phẳng, dense, softmax</translation>
    </message>
    <message>
        <source>Activation functions</source>
        <translation>Hàm kích hoạt</translation>
    </message>
    <message>
        <source>Use the current image</source>
        <translation>Dùng ảnh hiện tại</translation>
    </message>
    <message>
        <source>Take the image open in the main window (drop, open or paste one there first)</source>
        <translation>Lấy ảnh đang mở ở cửa sổ chính (hãy thả, mở hoặc dán một ảnh ở đó trước)</translation>
    </message>
    <message>
        <source>Explaining on {0} ({1}×{2} pixels), made grey and small enough to see every pixel.</source>
        <translation>Đang giải thích trên {0} ({1}×{2} điểm ảnh), đã chuyển sang ảnh xám và thu nhỏ để thấy rõ từng điểm ảnh.</translation>
    </message>
    <message>
        <source>No image is open: explaining on a drawn example. Drop, open or paste an image in the main window, then press &apos;Use the current image&apos;.</source>
        <translation>Chưa mở ảnh nào: đang giải thích trên một ảnh vẽ sẵn. Hãy thả, mở hoặc dán một ảnh ở cửa sổ chính, rồi bấm &apos;Dùng ảnh hiện tại&apos;.</translation>
    </message>
</context>
<context>
    <name>ExportMixin</name>
    <message>
        <source>Nothing to show</source>
        <extracomment>File name the save dialog suggests. Title shown when the result cannot be computed for this model.</extracomment>
        <translation>Không có gì để hiển thị</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Xuất PNG…</translation>
    </message>
    <message>
        <source>Save this view as a PNG image</source>
        <translation>Lưu khung nhìn này thành ảnh PNG</translation>
    </message>
    <message>
        <source>Export view as PNG</source>
        <translation>Xuất khung nhìn ra PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write {0}.</source>
        <translation>Không ghi được {0}.</translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <source>Click a tile to enlarge that channel beside the input  ·  ↑/↓ in the list steps through the layers  ·  scroll to zoom, double-click to fit</source>
        <translation>Nhấp vào một ô để phóng to kênh đó bên cạnh đầu vào  ·  ↑/↓ trong danh sách để đi qua các tầng  ·  cuộn để phóng to, nhấp đúp để vừa khung</translation>
    </message>
    <message>
        <source>Feature maps unavailable</source>
        <extracomment>Live frames are drawn at most this often (the newest wins meanwhile). The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có bản đồ đặc trưng</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Bản đồ đặc trưng</translation>
    </message>
    <message>
        <source>Drop an image on the window to see what each layer makes of it.</source>
        <translation>Thả một ảnh vào cửa sổ để xem mỗi tầng biến đổi nó thành gì.</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>theo từng kênh</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>theo từng tầng</translation>
    </message>
    <message>
        <source>Per channel: each tile uses its own range, so weak channels stay visible.
Per layer: one range for all tiles, so you can compare channels.</source>
        <translation>Theo từng kênh: mỗi ô dùng khoảng giá trị riêng, nên các kênh yếu vẫn nhìn thấy được.
Theo từng tầng: một khoảng giá trị cho mọi ô, nên có thể so sánh các kênh.</translation>
    </message>
    <message>
        <source>Sort by mean activation</source>
        <translation>Sắp xếp theo giá trị kích hoạt trung bình</translation>
    </message>
    <message>
        <source>Strongest channels first</source>
        <translation>Các kênh mạnh nhất trước</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Normalise</source>
        <translation>Chuẩn hóa</translation>
    </message>
    <message>
        <source>No layer of this model has a spatial (height × width × channels) output, so there are no feature maps to draw.</source>
        <translation>Không tầng nào của mô hình này có đầu ra không gian (cao × rộng × kênh), nên không có bản đồ đặc trưng nào để vẽ.</translation>
    </message>
    <message>
        <source>{0} channels</source>
        <translation>{0} kênh</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>1 kênh</translation>
    </message>
    <message>
        <source>{0} · {1}×{2} × {3} · each tile is one channel; bright = strong activation</source>
        <translation>{0} · {1}×{2} × {3} · mỗi ô là một kênh; sáng = kích hoạt mạnh</translation>
    </message>
    <message>
        <source>{0} of {1} channels dead (all zero)</source>
        <translation>{0} trên {1} kênh chết (toàn số 0)</translation>
    </message>
    <message>
        <source>no dead channels</source>
        <translation>không có kênh chết</translation>
    </message>
    <message>
        <source>min {0}  ·  max {1}  ·  mean {2}  ·  {3} zeros (switched-off ReLUs)  ·  {4}</source>
        <translation>nhỏ nhất {0}  ·  lớn nhất {1}  ·  trung bình {2}  ·  {3} số 0 (ReLU bị tắt)  ·  {4}</translation>
    </message>
</context>
<context>
    <name>FilterView</name>
    <message>
        <source>Each patch is one filter&apos;s weights shown as colour: the colour and edge pattern that makes the filter respond most.</source>
        <translation>Mỗi mảnh là trọng số của một bộ lọc hiển thị dưới dạng màu: màu và mẫu đường biên làm bộ lọc phản ứng mạnh nhất.</translation>
    </message>
    <message>
        <source>Row = one filter (output channel), column = the input channel it reads.  Red = positive weight, blue = negative, white = zero.</source>
        <translation>Hàng = một bộ lọc (kênh đầu ra), cột = kênh đầu vào mà nó đọc.  Đỏ = trọng số dương, xanh = âm, trắng = 0.</translation>
    </message>
    <message>
        <source>One patch per input channel: a depthwise layer filters every channel on its own.  Red = positive weight, blue = negative, white = zero.</source>
        <translation>Mỗi kênh đầu vào một mảnh: tầng tích chập theo chiều sâu lọc riêng từng kênh.  Đỏ = trọng số dương, xanh = âm, trắng = 0.</translation>
    </message>
    <message>
        <source>colour patches</source>
        <translation>mảnh màu</translation>
    </message>
    <message>
        <source>output × input grid</source>
        <translation>lưới đầu ra × đầu vào</translation>
    </message>
    <message>
        <source>one kernel per channel</source>
        <translation>mỗi kênh một hạt nhân</translation>
    </message>
    <message>
        <source>Filters unavailable</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có bộ lọc</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Bộ lọc</translation>
    </message>
    <message>
        <source>Choose a model to see the kernels its convolutions learned.</source>
        <translation>Chọn một mô hình để xem các hạt nhân mà các tầng tích chập của nó đã học.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>{0} · {1} · filters as {2}</source>
        <translation>{0} · {1} · bộ lọc dạng {2}</translation>
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
    <name>GateGrid</name>
    <message>
        <source>forward</source>
        <extracomment>A trace&apos;s direction, named in hover text (``self.tr(trace.direction)``).</extracomment>
        <translation>chiều xuôi</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>chiều ngược</translation>
    </message>
    <message>
        <source>units ↓</source>
        <extracomment>At most this many token labels along x; between them every k-th is named. Pixels kept free between two token labels. The point size of the token labels under the heatmaps (a projector&apos;s back row). Unit label steps a reader counts in (0, 16, 32 rather than 0, 11, 22).</extracomment>
        <translation>đơn vị ↓</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>&lt;br&gt;solid →, dashed ←</source>
        <translation>&lt;br&gt;nét liền →, nét đứt ←</translation>
    </message>
    <message>
        <source>of units</source>
        <translation>của các đơn vị</translation>
    </message>
    <message>
        <source>{0}{1} · token {2} “{3}” · unit {4} · value {5}</source>
        <translation>{0}{1} · token {2} “{3}” · đơn vị {4} · giá trị {5}</translation>
    </message>
    <message>
        <source>← backward</source>
        <translation>← chiều ngược</translation>
    </message>
    <message>
        <source>forward →</source>
        <translation>chiều xuôi →</translation>
    </message>
</context>
<context>
    <name>GateView</name>
    <message>
        <source>Gates i, f, o in [0, 1] (0 shut, 1 open); candidate g and h in [-1, 1]; cell state c on its own range.</source>
        <extracomment>The span pane&apos;s height once a span is selected: its title, units and three matches. Live frames are drawn at most this often (the newest wins meanwhile): five a second; the grid&apos;s thirteen plots cost 20-40 ms of the GUI thread a frame.</extracomment>
        <translation>Các cổng i, f, o trong [0, 1] (0 đóng, 1 mở); ứng viên g và h trong [-1, 1]; trạng thái ô c theo khoảng giá trị riêng.</translation>
    </message>
    <message>
        <source>Update z and reset r in [0, 1]; candidate h̃ and h in [-1, 1].</source>
        <translation>Cổng cập nhật z và cổng xóa r trong [0, 1]; ứng viên h̃ và h trong [-1, 1].</translation>
    </message>
    <message>
        <source>h = tanh(W·x + U·h₋₁ + b) at each token, in [-1, 1].</source>
        <translation>h = tanh(W·x + U·h₋₁ + b) tại mỗi token, trong [-1, 1].</translation>
    </message>
    <message>
        <source>Bidirectional: forward → reads the first token first, ← backward the last first; both are drawn in the sentence&apos;s order.</source>
        <translation>Hai chiều: chiều xuôi → đọc token đầu tiên trước, ← chiều ngược đọc token cuối trước; cả hai đều được vẽ theo thứ tự của câu.</translation>
    </message>
    <message>
        <source>Hover for a value; click a row to follow its unit; drag across tokens for a span.</source>
        <translation>Di chuột để xem giá trị; nhấp vào một hàng để theo dõi đơn vị của nó; kéo qua các token để chọn một đoạn.</translation>
    </message>
    <message>
        <source>No gates to show</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có cổng nào để hiển thị</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>Các cổng</translation>
    </message>
    <message>
        <source>Type a sentence above: each recurrent layer&apos;s gates appear here, token by token.</source>
        <translation>Gõ một câu ở trên: các cổng của mỗi tầng hồi tiếp sẽ hiện ở đây, từng token một.</translation>
    </message>
    <message>
        <source>Which recurrent layer to show (stacked layers: the first reads the words, the next reads its states)</source>
        <translation>Tầng hồi tiếp cần hiển thị (các tầng xếp chồng: tầng đầu đọc các từ, tầng sau đọc các trạng thái của nó)</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Nothing to read</source>
        <translation>Không có gì để đọc</translation>
    </message>
    <message>
        <source> · training step {0}</source>
        <translation> · bước huấn luyện {0}</translation>
    </message>
    <message>
        <source>{0} gates of {1} · 1 token</source>
        <translation>Các cổng {0} của {1} · 1 token</translation>
    </message>
    <message>
        <source>{0} gates of {1} · {2} tokens</source>
        <translation>Các cổng {0} của {1} · {2} token</translation>
    </message>
    <message>
        <source>Prediction for the sentence</source>
        <translation>Dự đoán cho câu</translation>
    </message>
    <message>
        <source>Tag per token</source>
        <translation>Nhãn cho từng token</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Đầu ra</translation>
    </message>
    <message>
        <source>[{0}] (not one probability per class)</source>
        <translation>[{0}] (không phải một xác suất cho mỗi lớp)</translation>
    </message>
</context>
<context>
    <name>GradientFlowView</name>
    <message>
        <source>Purple = first layers, yellow = last.  Bars near 0 at the left = vanishing gradients; lines climbing steeply = exploding gradients.  Hover to name a layer.</source>
        <translation>Tím = các tầng đầu, vàng = các tầng cuối.  Cột gần 0 ở bên trái = gradient biến mất; đường tăng vọt = gradient bùng nổ.  Di chuột để xem tên tầng.</translation>
    </message>
    <message>
        <source>{0}: gradient norm {1} at step {2}</source>
        <translation>{0}: chuẩn gradient {1} tại bước {2}</translation>
    </message>
    <message>
        <source>layer {0}: {1}: gradient norm {2}</source>
        <translation>tầng {0}: {1}: chuẩn gradient {2}</translation>
    </message>
</context>
<context>
    <name>GradientTimeView</name>
    <message>
        <source>No gradient through time</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có gradient qua thời gian</translation>
    </message>
    <message>
        <source>Which tokens move the answer</source>
        <translation>Những token nào làm thay đổi câu trả lời</translation>
    </message>
    <message>
        <source>Size of the loss gradient at each token, relative to the largest (log scale). A line that falls toward the first words means the model forgets them, as a SimpleRNN does on long sentences.</source>
        <extracomment>Relative norms below this are drawn at it (log scale floor). The plot&apos;s least height: two decades and the token labels stay readable.</extracomment>
        <translation>Độ lớn gradient của hàm mất mát tại mỗi token, so với giá trị lớn nhất (thang log). Đường giảm dần về các từ đầu nghĩa là mô hình quên chúng, như SimpleRNN trên câu dài.</translation>
    </message>
    <message>
        <source>relative size</source>
        <translation>độ lớn tương đối</translation>
    </message>
    <message>
        <source>Which tokens move the answer ({0}, loss {1})</source>
        <translation>Những token nào làm thay đổi câu trả lời ({0}, mất mát {1})</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>Saliency</source>
        <translation>Bản đồ độ nổi bật</translation>
    </message>
    <message>
        <source>Red = regions whose features raised this class&apos;s score most at that layer; no colour = little evidence (under a fifth of the peak).  Deeper layers are coarser but more about the class.</source>
        <extracomment>Heat (0 to 1, 1 = the peak) below this is drawn not at all: the image shows as it is.</extracomment>
        <translation>Đỏ = các vùng có đặc trưng làm tăng điểm của lớp này nhiều nhất tại tầng đó; không màu = ít bằng chứng (dưới một phần năm mức cao nhất).  Các tầng sâu hơn thô hơn nhưng nói nhiều hơn về lớp.</translation>
    </message>
    <message>
        <source>Red = pixels where a small change would move this class&apos;s score most (the gradient of the score with respect to the input); no colour = little effect (under a fifth of the peak).</source>
        <translation>Đỏ = các điểm ảnh mà một thay đổi nhỏ sẽ làm điểm của lớp này thay đổi nhiều nhất (gradient của điểm theo đầu vào); không màu = ít ảnh hưởng (dưới một phần năm mức cao nhất).</translation>
    </message>
    <message>
        <source>Heatmap unavailable</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Where the model looked</source>
        <translation>Mô hình đã nhìn vào đâu</translation>
    </message>
    <message>
        <source>Drop an image on the window, then pick a class to explain.</source>
        <translation>Thả một ảnh vào cửa sổ, rồi chọn một lớp để giải thích.</translation>
    </message>
    <message>
        <source>0 = only the image, 100 = only the heatmap</source>
        <translation>0 = chỉ ảnh, 100 = chỉ bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Phương pháp</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Độ đục</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>low → high</source>
        <translation>thấp → cao</translation>
    </message>
    <message>
        <source> at {0}</source>
        <translation> tại {0}</translation>
    </message>
    <message>
        <source>{0} for “{1}”{2} · where the evidence for this class is</source>
        <translation>{0} cho “{1}”{2} · bằng chứng cho lớp này nằm ở đâu</translation>
    </message>
</context>
<context>
    <name>HistogramView</name>
    <message>
        <source>Histograms of layer</source>
        <translation>Biểu đồ tần suất của tầng</translation>
    </message>
</context>
<context>
    <name>ImageController</name>
    <message>
        <source>Captioning {0}…</source>
        <translation>Đang viết chú thích cho {0}…</translation>
    </message>
    <message>
        <source>Cannot look at {0} with this model: {1}</source>
        <translation>Không thể xem {0} bằng mô hình này: {1}</translation>
    </message>
    <message>
        <source>Looking at {0}…</source>
        <translation>Đang xem {0}…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Đang đọc {0}…</translation>
    </message>
    <message>
        <source>Reading filters of {0}…</source>
        <translation>Đang đọc các bộ lọc của {0}…</translation>
    </message>
    <message>
        <source>Computing {0}…</source>
        <translation>Đang tính {0}…</translation>
    </message>
    <message>
        <source>This model reads sentences, not images: type one in the Gates or Attention tab, where its answer is shown.</source>
        <translation>Mô hình này đọc câu, không đọc ảnh: hãy gõ một câu ở thẻ Các cổng hoặc Chú ý, nơi hiện câu trả lời của nó.</translation>
    </message>
    <message>
        <source>This model reads sentences, not images: type one in the Gates tab, where its answer is shown.</source>
        <translation>Mô hình này đọc câu, không đọc ảnh: hãy gõ một câu ở thẻ Các cổng, nơi hiện câu trả lời của nó.</translation>
    </message>
    <message>
        <source>This model reads sentences, not images: type one in the Attention tab, where its answer is shown.</source>
        <translation>Mô hình này đọc câu, không đọc ảnh: hãy gõ một câu ở thẻ Chú ý, nơi hiện câu trả lời của nó.</translation>
    </message>
</context>
<context>
    <name>ImageGalleryPanel</name>
    <message>
        <source>Drag any image onto the window, or pick a sample</source>
        <translation>Kéo một ảnh bất kỳ vào cửa sổ, hoặc chọn một ảnh mẫu</translation>
    </message>
    <message>
        <source>No sample images found (resources/samples/ is missing).</source>
        <translation>Không tìm thấy ảnh mẫu (thiếu resources/samples/).</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Mở ảnh…</translation>
    </message>
    <message>
        <source>Choose an image file (PNG, JPEG, GIF, BMP, TIFF, WebP)</source>
        <translation>Chọn một tệp ảnh (PNG, JPEG, GIF, BMP, TIFF, WebP)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Dán</translation>
    </message>
    <message>
        <source>Use the image on the clipboard (a screenshot, a copied file)</source>
        <translation>Dùng ảnh trong bộ nhớ tạm (ảnh chụp màn hình, tệp đã sao chép)</translation>
    </message>
</context>
<context>
    <name>ImageInput</name>
    <message>
        <source>the dropped image</source>
        <extracomment>Raw image types taken as they are (read_image checks the format by content).</extracomment>
        <translation>ảnh được thả vào</translation>
    </message>
    <message>
        <source>the pasted image</source>
        <translation>ảnh được dán vào</translation>
    </message>
    <message>
        <source>The clipboard is empty; copy an image or an image file first</source>
        <translation>Bộ nhớ tạm đang trống; hãy sao chép một ảnh hoặc một tệp ảnh trước</translation>
    </message>
    <message>
        <source>Drop one image at a time (you dropped {0} files)</source>
        <translation>Mỗi lần chỉ thả một ảnh (bạn đã thả {0} tệp)</translation>
    </message>
    <message>
        <source>Drop one image at a time (you dropped {0} items)</source>
        <translation>Mỗi lần chỉ thả một ảnh (bạn đã thả {0} mục)</translation>
    </message>
    <message>
        <source>Paste one image at a time (the clipboard holds {0} files)</source>
        <translation>Mỗi lần chỉ dán một ảnh (bộ nhớ tạm đang chứa {0} tệp)</translation>
    </message>
    <message>
        <source>Paste one image at a time (the clipboard holds {0} items)</source>
        <translation>Mỗi lần chỉ dán một ảnh (bộ nhớ tạm đang chứa {0} mục)</translation>
    </message>
    <message>
        <source>You dropped text, not an image</source>
        <translation>Bạn đã thả văn bản, không phải ảnh</translation>
    </message>
    <message>
        <source>The clipboard holds text, not an image</source>
        <translation>Bộ nhớ tạm chứa văn bản, không phải ảnh</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>không có gì</translation>
    </message>
    <message>
        <source>That drop held no image (it carried {0}); drop an image file or a picture</source>
        <translation>Lần thả đó không có ảnh nào (nó mang {0}); hãy thả một tệp ảnh hoặc một bức ảnh</translation>
    </message>
    <message>
        <source>That paste held no image (it carried {0}); paste an image file or a picture</source>
        <translation>Lần dán đó không có ảnh nào (nó mang {0}); hãy dán một tệp ảnh hoặc một bức ảnh</translation>
    </message>
    <message>
        <source>{0} is a folder; drop an image file (or load the folder as a dataset)</source>
        <translation>{0} là một thư mục; hãy thả một tệp ảnh (hoặc nạp thư mục đó làm bộ dữ liệu)</translation>
    </message>
    <message>
        <source>{0} is a folder; paste an image file (or load the folder as a dataset)</source>
        <translation>{0} là một thư mục; hãy dán một tệp ảnh (hoặc nạp thư mục đó làm bộ dữ liệu)</translation>
    </message>
    <message>
        <source>{0} is a web address, and dlviz works offline (it downloads nothing); save the image to your computer, then drop the file</source>
        <translation>{0} là một địa chỉ web, còn dlviz làm việc ngoại tuyến (nó không tải gì về); hãy lưu ảnh vào máy tính, rồi thả tệp đó vào</translation>
    </message>
    <message>
        <source>{0} is a web address, and dlviz works offline (it downloads nothing); save the image to your computer, then paste the file</source>
        <translation>{0} là một địa chỉ web, còn dlviz làm việc ngoại tuyến (nó không tải gì về); hãy lưu ảnh vào máy tính, rồi dán tệp đó vào</translation>
    </message>
    <message>
        <source>{0} could not be read; save it as a file and open that</source>
        <translation>Không đọc được {0}; hãy lưu nó thành tệp rồi mở tệp đó</translation>
    </message>
    <message>
        <source>{0} could not be converted to PNG; save it as a file and open that</source>
        <translation>Không chuyển được {0} sang PNG; hãy lưu nó thành tệp rồi mở tệp đó</translation>
    </message>
</context>
<context>
    <name>KernelEditor</name>
    <message>
        <source>Your own</source>
        <translation>Tự nhập</translation>
    </message>
    <message>
        <source>Edge (Laplacian)</source>
        <translation>Biên (Laplace)</translation>
    </message>
    <message>
        <source>Blur (box)</source>
        <translation>Làm mờ (trung bình hộp)</translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation>Làm sắc nét</translation>
    </message>
    <message>
        <source>Vertical edge (Sobel x)</source>
        <translation>Biên dọc (Sobel x)</translation>
    </message>
    <message>
        <source>Horizontal edge (Sobel y)</source>
        <translation>Biên ngang (Sobel y)</translation>
    </message>
    <message>
        <source>Emboss</source>
        <translation>Chạm nổi</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Shown in both languages whatever the interface is in now. Choosing the language the window is already in again, after picking another. The banner&apos;s button, in both languages too.</extracomment>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>Applies when dlviz starts again</source>
        <translation>Có hiệu lực khi mở lại dlviz</translation>
    </message>
</context>
<context>
    <name>LayerForm</name>
    <message>
        <source>Pick a layer in the table to change its settings. Double-click a type on the left to add it after the selected layer, or press &quot;From current model&quot; to start from the model now open.</source>
        <extracomment>Settings side by side in the form (it sits under the table, which is wide).</extracomment>
        <translation>Chọn một tầng trong bảng để thay đổi thiết lập của nó. Nhấp đúp vào một loại tầng bên trái để thêm nó sau tầng đang chọn, hoặc bấm &quot;Từ mô hình hiện tại&quot; để bắt đầu từ mô hình đang mở.</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>The layer&apos;s name (Keras, the saved file and the exported script use it)</source>
        <translation>Tên của tầng (Keras, tệp được lưu và tập lệnh xuất ra đều dùng nó)</translation>
    </message>
    <message>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <source>Kept as Keras built it: the builder has no form for {0}.</source>
        <translation>Giữ nguyên như Keras đã dựng: trình dựng chưa có biểu mẫu cho {0}.</translation>
    </message>
    <message>
        <source>This layer has no settings to choose.</source>
        <translation>Tầng này không có thiết lập nào để chọn.</translation>
    </message>
    <message>
        <source>wrapped layer</source>
        <translation>tầng được bọc</translation>
    </message>
    <message>
        <source>input shape</source>
        <translation>kích thước đầu vào</translation>
    </message>
    <message>
        <source>One sample&apos;s shape, e.g. 28, 28, 1 for grey 28×28 images or 20 for sentences of 20 words</source>
        <translation>Kích thước của một mẫu, ví dụ 28, 28, 1 cho ảnh xám 28×28 hoặc 20 cho câu 20 từ</translation>
    </message>
    <message>
        <source>Inputs (tick two or more)</source>
        <translation>Các đầu vào (đánh dấu từ hai trở lên)</translation>
    </message>
    <message>
        <source>Input from</source>
        <translation>Đầu vào từ</translation>
    </message>
    <message>
        <source>A layer needs a name; the old one is kept.</source>
        <translation>Tầng cần có tên; tên cũ được giữ lại.</translation>
    </message>
</context>
<context>
    <name>LayerPalette</name>
    <message>
        <source>Input</source>
        <extracomment>group title -&gt; class names, in the order a course meets them.</extracomment>
        <translation>Đầu vào</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>Tích chập</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <source>Dense, dropout, norm</source>
        <translation>Dense, dropout, chuẩn hóa</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Hàm kích hoạt</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Chuỗi</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>Rẽ nhánh</translation>
    </message>
    <message>
        <source>Add ↓</source>
        <translation>Thêm ↓</translation>
    </message>
    <message>
        <source>Add the chosen type after the selected layer</source>
        <translation>Thêm loại tầng đã chọn vào sau tầng đang chọn</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>▲ Up</source>
        <translation>▲ Lên</translation>
    </message>
    <message>
        <source>▼ Down</source>
        <translation>▼ Xuống</translation>
    </message>
    <message>
        <source>Layer types</source>
        <translation>Các loại tầng</translation>
    </message>
</context>
<context>
    <name>LayerTableView</name>
    <message>
        <source>Layer</source>
        <extracomment>Column titles, shown through ``self.tr``.</extracomment>
        <translation>Tầng</translation>
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
        <source>Params</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>Vùng tiếp nhận</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Huấn luyện được</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Chưa có mô hình</translation>
    </message>
    <message>
        <source>Pick a model from the library on the left, or open a file.</source>
        <translation>Chọn một mô hình trong thư viện bên trái, hoặc mở một tệp.</translation>
    </message>
    <message>
        <source>Multiply-accumulates for one input: each is one a×b+c. Papers call them operations, or FLOPs ÷ 2.</source>
        <translation>Số phép nhân-cộng cho một đầu vào: mỗi phép là một a×b+c. Các bài báo gọi chúng là phép tính, hoặc FLOPs ÷ 2.</translation>
    </message>
    <message>
        <source>How many input pixels (or steps) across one output value of this layer sees.</source>
        <translation>Một giá trị đầu ra của tầng này nhìn thấy bao nhiêu điểm ảnh (hoặc bước) đầu vào theo mỗi chiều.</translation>
    </message>
    <message>
        <source>Total params: {0}   ·   Trainable: {1}   ·   Non-trainable: {2}   ·   {3} layers</source>
        <translation>Tổng tham số: {0}   ·   Huấn luyện được: {1}   ·   Không huấn luyện được: {2}   ·   {3} tầng</translation>
    </message>
    <message>
        <source>   ·   MACs: {0} ({1})</source>
        <translation>   ·   MAC: {0} ({1})</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
</context>
<context>
    <name>LayerTree</name>
    <message>
        <source>Layer</source>
        <extracomment>Column titles, shown translated.</extracomment>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Đầu ra</translation>
    </message>
    <message>
        <source>{0}: {1}. Selecting it shows its output, {2} ({3}).</source>
        <translation>{0}: {1}. Chọn nó sẽ hiện đầu ra của nó, {2} ({3}).</translation>
    </message>
    <message>
        <source>a model nested inside this one</source>
        <translation>một mô hình lồng bên trong mô hình này</translation>
    </message>
    <message>
        <source>a branch of {0} layer(s)</source>
        <translation>một nhánh gồm {0} tầng</translation>
    </message>
    <message>
        <source>an Inception block with {0} parallel branches</source>
        <translation>một khối Inception với {0} nhánh song song</translation>
    </message>
    <message>
        <source>a projection shortcut</source>
        <translation>một kết nối tắt có phép chiếu</translation>
    </message>
    <message>
        <source>an identity shortcut</source>
        <translation>một kết nối tắt đồng nhất</translation>
    </message>
    <message>
        <source>a residual block: {0} plus the residual branch, added</source>
        <translation>một khối phần dư: {0} cộng với nhánh phần dư</translation>
    </message>
    <message>
        <source>a block of layers</source>
        <translation>một khối các tầng</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dlviz — see inside deep-learning models</source>
        <extracomment>What a newcomer sees first when no trained model ships: VGG-16&apos;s maps of a sample photo. With ``resources/models``, a trained model and its own sample.</extracomment>
        <translation>dlviz — nhìn vào bên trong các mô hình học sâu</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>Đang nạp TensorFlow…</translation>
    </message>
    <message>
        <source>Opening the run…</source>
        <translation>Đang mở lượt huấn luyện…</translation>
    </message>
    <message>
        <source>Captioning {0}…</source>
        <translation>Đang viết chú thích cho {0}…</translation>
    </message>
    <message>
        <source>Looking at {0}…</source>
        <translation>Đang xem {0}…</translation>
    </message>
    <message>
        <source>{0} is ready: pick a model to look at it.</source>
        <translation>{0} đã sẵn sàng: hãy chọn một mô hình để xem nó.</translation>
    </message>
    <message>
        <source>{0} will be shown after the current batch</source>
        <translation>{0} sẽ được hiển thị sau lô hiện tại</translation>
    </message>
    <message>
        <source>Open a training run</source>
        <translation>Mở một lượt huấn luyện</translation>
    </message>
    <message>
        <source>Stop training before opening another run.</source>
        <translation>Hãy dừng huấn luyện trước khi mở lượt khác.</translation>
    </message>
    <message>
        <source>following it as it grows</source>
        <translation>đang theo dõi khi nó lớn dần</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <source>Run {0}: {1}</source>
        <translation>Lượt {0}: {1}</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>Mở một ảnh</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Export window</source>
        <translation>Xuất cửa sổ</translation>
    </message>
    <message>
        <source>Could not write {0}.</source>
        <translation>Không ghi được {0}.</translation>
    </message>
    <message>
        <source>Downloading weights:</source>
        <translation>Đang tải trọng số:</translation>
    </message>
    <message>
        <source>Building {0}…</source>
        <translation>Đang dựng {0}…</translation>
    </message>
    <message>
        <source>Choose a weights file</source>
        <translation>Chọn một tệp trọng số</translation>
    </message>
    <message>
        <source>Keras weights (*.h5 *.keras)</source>
        <translation>Trọng số Keras (*.h5 *.keras)</translation>
    </message>
    <message>
        <source>Use random weights</source>
        <translation>Dùng trọng số ngẫu nhiên</translation>
    </message>
    <message>
        <source>Choose weights file…</source>
        <translation>Chọn tệp trọng số…</translation>
    </message>
    <message>
        <source>Open a Keras model</source>
        <translation>Mở một mô hình Keras</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5 *.hdf5);;All files (*)</source>
        <translation>Mô hình Keras (*.keras *.h5 *.hdf5);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>Đang mở {0}…</translation>
    </message>
    <message>
        <source>Ready · training on {0} · TensorFlow {1} · Keras {2}</source>
        <translation>Sẵn sàng · huấn luyện trên {0} · TensorFlow {1} · Keras {2}</translation>
    </message>
    <message>
        <source>TensorFlow failed to load</source>
        <translation>Không nạp được TensorFlow</translation>
    </message>
    <message>
        <source>TensorFlow could not be loaded: {0}</source>
        <translation>Không thể nạp TensorFlow: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} parameters</source>
        <translation>{0}: {1} tham số</translation>
    </message>
    <message>
        <source>{0} was not loaded: it needs unsafe loading and you declined.</source>
        <translation>{0} chưa được nạp: nó cần nạp ở chế độ không an toàn và bạn đã từ chối.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
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
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ModelLibraryPanel</name>
    <message>
        <source>Pick a model to see its layers.</source>
        <translation>Chọn một mô hình để xem các tầng của nó.</translation>
    </message>
    <message>
        <source>Open model file…</source>
        <translation>Mở tệp mô hình…</translation>
    </message>
    <message>
        <source>Open a .keras or .h5 model (loaded in safe mode)</source>
        <translation>Mở một mô hình .keras hoặc .h5 (nạp ở chế độ an toàn)</translation>
    </message>
    <message>
        <source>Open now: {0} (not one of the library&apos;s)</source>
        <translation>Đang mở: {0} (không phải mô hình trong thư viện)</translation>
    </message>
</context>
<context>
    <name>NetworkTable</name>
    <message>
        <source>Whole networks</source>
        <translation>Toàn bộ mạng</translation>
    </message>
    <message>
        <source>Shown when the tab opens: each network is built once (random weights) and counted.</source>
        <translation>Hiện khi mở thẻ: mỗi mạng được dựng một lần (trọng số ngẫu nhiên) và đếm.</translation>
    </message>
    <message>
        <source>Depth counts the layers that multiply (convolutions, dense) on the longest path from input to output, as the papers count them. MACs for one image.</source>
        <translation>Độ sâu đếm các tầng có phép nhân (tích chập, dense) trên đường dài nhất từ đầu vào tới đầu ra, như cách các bài báo đếm. Số MAC cho một ảnh.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Mạng</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Đầu vào</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Multiply-accumulates</source>
        <translation>Phép nhân-cộng</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Độ sâu</translation>
    </message>
</context>
<context>
    <name>PoolingExplainer</name>
    <message>
        <source>Max pooling</source>
        <extracomment>Which 2x2 block each cell of the 4x4 map belongs to (0..3, reading order).</extracomment>
        <translation>Gộp cực đại</translation>
    </message>
    <message>
        <source>Average pooling</source>
        <translation>Gộp trung bình</translation>
    </message>
    <message>
        <source>Example numbers</source>
        <translation>Số ví dụ</translation>
    </message>
    <message>
        <source>From your image (4×4, 0..9)</source>
        <translation>Từ ảnh của bạn (4×4, 0..9)</translation>
    </message>
    <message>
        <source>Feature map 4×4</source>
        <translation>Bản đồ đặc trưng 4×4</translation>
    </message>
    <message>
        <source>Pooled 2×2</source>
        <translation>Sau khi gộp 2×2</translation>
    </message>
    <message>
        <source>Flatten: 4</source>
        <translation>Làm phẳng: 4</translation>
    </message>
    <message>
        <source>Dense weights W (3×4)</source>
        <translation>Trọng số dense W (3×4)</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>độ chệch b</translation>
    </message>
    <message>
        <source>Pooling shrinks a feature map: each 2×2 block becomes one number, its largest (max pooling) or its mean (average pooling). Flatten reads the pooled map row by row into a vector; a fully connected (Dense) layer multiplies it by its weights and adds a bias for each class; softmax turns those scores into probabilities that sum to 1.</source>
        <translation>Phép gộp thu nhỏ bản đồ đặc trưng: mỗi khối 2×2 trở thành một số, là số lớn nhất (gộp cực đại) hoặc trung bình (gộp trung bình). Làm phẳng đọc ánh xạ đã gộp theo từng hàng thành một vectơ; tầng kết nối đầy đủ (Dense) nhân vectơ đó với trọng số và cộng độ chệch cho mỗi lớp; softmax biến các điểm số đó thành xác suất có tổng bằng 1.</translation>
    </message>
    <message>
        <source>softmax: p&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt;&lt;/sup&gt; / Σ e&lt;sup&gt;z&lt;/sup&gt; (Σ = {0})</source>
        <translation>softmax: p&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt;&lt;/sup&gt; / Σ e&lt;sup&gt;z&lt;/sup&gt; (Σ = {0})</translation>
    </message>
    <message>
        <source>sum = {0}</source>
        <translation>tổng = {0}</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <source>Average of the outputs</source>
        <translation>Trung bình các đầu ra</translation>
    </message>
    <message>
        <source>Main output</source>
        <translation>Đầu ra chính</translation>
    </message>
    <message>
        <source>Auxiliary output 1</source>
        <translation>Đầu ra phụ 1</translation>
    </message>
    <message>
        <source>Auxiliary output 2</source>
        <translation>Đầu ra phụ 2</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Đầu ra</translation>
    </message>
    <message>
        <source>ImageNet classes</source>
        <translation>các lớp ImageNet</translation>
    </message>
    <message>
        <source>class names from the training data</source>
        <translation>tên lớp lấy từ dữ liệu huấn luyện</translation>
    </message>
    <message>
        <source>class index only — no names known</source>
        <translation>chỉ có chỉ số lớp — không biết tên</translation>
    </message>
    <message>
        <source>Predictions unavailable</source>
        <extracomment>The registry&apos;s probe kind this view draws (``core/probes/registry.py``).</extracomment>
        <translation>Không có dự đoán</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>Drop an image on the window to see what the model thinks it is.</source>
        <translation>Thả một ảnh vào cửa sổ để xem mô hình nghĩ đó là gì.</translation>
    </message>
    <message>
        <source>Prediction: {0} · {1}</source>
        <translation>Dự đoán: {0} · {1}</translation>
    </message>
    <message>
        <source>  ·  {0} outputs; the model&apos;s answer is the {1}</source>
        <translation>  ·  {0} đầu ra; câu trả lời của mô hình là {1}</translation>
    </message>
    <message>
        <source>Top {0} classes  ·  {1}</source>
        <translation>{0} lớp cao nhất  ·  {1}</translation>
    </message>
    <message>
        <source>{0} (the answer)</source>
        <translation>{0} (câu trả lời)</translation>
    </message>
</context>
<context>
    <name>ProgressIndicator</name>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Stop this download</source>
        <translation>Dừng lượt tải này</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} trên {1}</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>Cannot open the run {0}: {1}</source>
        <translation>Không mở được lượt huấn luyện {0}: {1}</translation>
    </message>
    <message>
        <source>That snapshot is gone ({0}).</source>
        <translation>Ảnh chụp đó không còn nữa ({0}).</translation>
    </message>
</context>
<context>
    <name>ScoreSwitch</name>
    <message>
        <source>Each score function is its own trained model: open dates-attention-dot, -general, -additive or -cosine from the library to switch between them.</source>
        <extracomment>The course&apos;s four scores, in the order the course teaches them.</extracomment>
        <translation>Mỗi hàm tính điểm là một mô hình đã huấn luyện riêng: mở dates-attention-dot, -general, -additive hoặc -cosine từ thư viện để chuyển qua lại.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Hàm tính điểm</translation>
    </message>
    <message>
        <source> Not in this library: {0}.</source>
        <translation> Không có trong thư viện này: {0}.</translation>
    </message>
    <message>
        <source>Open the same model trained with another score function; the sentence is read again.</source>
        <translation>Mở cùng mô hình được huấn luyện với hàm tính điểm khác; câu sẽ được đọc lại.</translation>
    </message>
    <message>
        <source>Opening {0}: the same task, trained with the {1} score; the sentence is read again.</source>
        <translation>Đang mở {0}: cùng bài toán, huấn luyện với hàm tính điểm {1}; câu sẽ được đọc lại.</translation>
    </message>
</context>
<context>
    <name>SnapshotScrubber</name>
    <message>
        <source>● Live</source>
        <translation>● Trực tiếp</translation>
    </message>
    <message>
        <source>Follow the newest frames while training</source>
        <translation>Theo dõi các khung hình mới nhất khi huấn luyện</translation>
    </message>
    <message>
        <source>no snapshots yet</source>
        <translation>chưa có ảnh chụp nào</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Xem lại</translation>
    </message>
    <message>
        <source>step {0}  ({1} of {2})</source>
        <translation>bước {0}  ({1} trên {2})</translation>
    </message>
</context>
<context>
    <name>SpanController</name>
    <message>
        <source>The engine is training the model: {what} when training stops (it will read the new weights).</source>
        <extracomment>What a request says while a model trains (the engine runs the training job).</extracomment>
        <translation>Bộ máy đang huấn luyện mô hình: {what} khi huấn luyện dừng (nó sẽ đọc trọng số mới).</translation>
    </message>
    <message>
        <source>Selecting units…</source>
        <translation>Đang chọn các đơn vị…</translation>
    </message>
    <message>
        <source>Finding where they fire…</source>
        <translation>Đang tìm nơi chúng cùng bật…</translation>
    </message>
</context>
<context>
    <name>SpanMatchView</name>
    <message>
        <source>Select a span: drag across tokens in a heatmap (or click a token, then shift-click another) to find the units that stay on across them, and where else they do.</source>
        <translation>Chọn một đoạn: kéo qua các token trong bản đồ nhiệt (hoặc nhấp một token, rồi shift-nhấp token khác) để tìm các đơn vị luôn bật trên đoạn đó, và những chỗ khác chúng cũng bật.</translation>
    </message>
    <message>
        <source>cell state c</source>
        <translation>trạng thái ô c</translation>
    </message>
    <message>
        <source>hidden state h</source>
        <translation>trạng thái ẩn h</translation>
    </message>
    <message>
        <source>Select a span</source>
        <translation>Chọn một đoạn</translation>
    </message>
    <message>
        <source>No span selected</source>
        <translation>Chưa chọn đoạn nào</translation>
    </message>
    <message>
        <source>Units of {0} on across “{1}”</source>
        <translation>Các đơn vị của {0} bật trên “{1}”</translation>
    </message>
    <message>
        <source>{0} unit(s) keep {1} above {2} on every token (lowest value in brackets): {3}. Outlined in the heatmaps, drawn as lines below.</source>
        <translation>{0} đơn vị giữ {1} trên {2} tại mọi token (giá trị thấp nhất trong ngoặc): {3}. Được viền trong các bản đồ nhiệt, vẽ thành đường bên dưới.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#606060&apos;&gt;Searching where else these units fire together…&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#606060&apos;&gt;Đang tìm những chỗ khác các đơn vị này cùng bật…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Searched {0}: {1} span(s) where every one of these units stays on, the best {2} below (number: the weakest unit&apos;s mean state over the span). Click “read” to read that sentence.</source>
        <translation>Đã tìm trong {0}: {1} đoạn mà mọi đơn vị này đều bật, {2} đoạn tốt nhất ở dưới (con số: trạng thái trung bình của đơn vị yếu nhất trên đoạn). Nhấp “read” để đọc câu đó.</translation>
    </message>
    <message>
        <source>&lt;p&gt;No other span keeps all these units on; select fewer tokens (fewer units) to find more.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Không có đoạn nào khác giữ mọi đơn vị này bật; hãy chọn ít token hơn (ít đơn vị hơn) để tìm được nhiều hơn.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>StridePaddingExplainer</name>
    <message>
        <source>p as set</source>
        <translation>p theo thanh trượt</translation>
    </message>
    <message>
        <source>&apos;valid&apos; (Keras: no padding)</source>
        <translation>&apos;valid&apos; (Keras: không đệm)</translation>
    </message>
    <message>
        <source>&apos;same&apos; (Keras: output = ceil(n / s))</source>
        <translation>&apos;same&apos; (Keras: đầu ra = ceil(n / s))</translation>
    </message>
    <message>
        <source>Input size n</source>
        <translation>Kích thước đầu vào n</translation>
    </message>
    <message>
        <source>Kernel size k</source>
        <translation>Kích thước hạt nhân k</translation>
    </message>
    <message>
        <source>Stride s</source>
        <translation>Bước trượt s</translation>
    </message>
    <message>
        <source>Padding p</source>
        <translation>Đệm p</translation>
    </message>
    <message>
        <source>Window position</source>
        <translation>Vị trí cửa sổ</translation>
    </message>
    <message>
        <source>Padding mode</source>
        <translation>Kiểu đệm</translation>
    </message>
    <message>
        <source>The stride s is how far the window moves each step; padding p adds a border of zeros so the window can also stand on the edge pixels. On each axis the output has floor((n + 2p − k) / s) + 1 pixels. Keras&apos;s &apos;valid&apos; adds no zeros; &apos;same&apos; adds just enough that the output has ceil(n / s) pixels, the odd zero going to the bottom and right.</source>
        <translation>Bước trượt s là khoảng cửa sổ dịch đi sau mỗi bước; đệm p thêm một viền số 0 để cửa sổ cũng đặt được lên các điểm ảnh ở mép. Trên mỗi trục, đầu ra có floor((n + 2p − k) / s) + 1 điểm ảnh. &apos;valid&apos; của Keras không thêm số 0 nào; &apos;same&apos; thêm vừa đủ để đầu ra có ceil(n / s) điểm ảnh, số 0 lẻ ra được đặt ở dưới và bên phải.</translation>
    </message>
    <message>
        <source>Input {0}×{0}, padded to {1}×{1}</source>
        <translation>Đầu vào {0}×{0}, đệm thành {1}×{1}</translation>
    </message>
    <message>
        <source>Output {0}×{0}</source>
        <translation>Đầu ra {0}×{0}</translation>
    </message>
    <message>
        <source>The window does not fit: add padding or use a smaller kernel.</source>
        <translation>Cửa sổ không vừa: hãy thêm đệm hoặc dùng hạt nhân nhỏ hơn.</translation>
    </message>
    <message>
        <source>{0} pixel(s) at the bottom/right are never under a window.</source>
        <translation>{0} điểm ảnh ở dưới/bên phải không bao giờ nằm trong cửa sổ nào.</translation>
    </message>
    <message>
        <source>Blue dots: where the window&apos;s top-left corner stands at each step. Red: the window at the chosen position and the output pixel it makes. Pale cells: the padding&apos;s zeros.</source>
        <translation>Chấm xanh: vị trí góc trên-trái của cửa sổ ở mỗi bước. Màu đỏ: cửa sổ tại vị trí đang chọn và điểm ảnh đầu ra mà nó tạo ra. Ô nhạt màu: các số 0 của phần đệm.</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>Kích thước đầu ra</translation>
    </message>
</context>
<context>
    <name>TextController</name>
    <message>
        <source>Reading the sentence…</source>
        <extracomment>The text kinds computed on every pause in typing (those the model offers).</extracomment>
        <translation>Đang đọc câu…</translation>
    </message>
    <message>
        <source>this version computes no gates</source>
        <translation>phiên bản này không tính các cổng</translation>
    </message>
    <message>
        <source>This version of dlviz computes no attention.</source>
        <translation>Phiên bản dlviz này không tính trọng số chú ý.</translation>
    </message>
    <message>
        <source>The gates of this model could not be read for this text; the Attention tab shows where it looked.</source>
        <translation>Không đọc được các cổng của mô hình này cho văn bản này; thẻ Chú ý cho thấy nó đã nhìn vào đâu.</translation>
    </message>
</context>
<context>
    <name>TextPanel</name>
    <message>
        <source>Type a sentence, e.g. the film was not bad at all · không tệ chút nào</source>
        <extracomment>Milliseconds after the last key before the sentence is read.</extracomment>
        <translation>Gõ một câu, ví dụ: không tệ chút nào · the film was not bad at all</translation>
    </message>
    <message>
        <source>Tokens are words and punctuation; Vietnamese is split into syllables (“học sinh” is two tokens).</source>
        <translation>Token là các từ và dấu câu; tiếng Việt được tách thành âm tiết (“học sinh” là hai token).</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Câu</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Pick or open a model first, then train it.</source>
        <extracomment>The live kinds the Training tab&apos;s plots draw (its views name no probe kind).</extracomment>
        <translation>Hãy chọn hoặc mở một mô hình trước, rồi huấn luyện nó.</translation>
    </message>
    <message>
        <source>Downloading data:</source>
        <translation>Đang tải dữ liệu:</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Đang huấn luyện…</translation>
    </message>
    <message>
        <source>Resuming training…</source>
        <translation>Đang tiếp tục huấn luyện…</translation>
    </message>
    <message>
        <source>Stop training before opening another model (the model on screen is training).</source>
        <translation>Hãy dừng huấn luyện trước khi mở mô hình khác (mô hình trên màn hình đang được huấn luyện).</translation>
    </message>
    <message>
        <source>The preview is available when training is not running.</source>
        <translation>Chỉ xem trước được khi không huấn luyện.</translation>
    </message>
</context>
<context>
    <name>TrainingDataGroup</name>
    <message>
        <source>Data</source>
        <extracomment>(label, data kind); labels are shown through ``core_text`` (translated: the catalogue lists them via core_texts_catalogue, written by make_translations). A sentence classifier&apos;s data (one label per sentence), and a tagger&apos;s (a tag per word). A CRNN&apos;s data (task &quot;read&quot;): pictures of strings, trained with CTC. A captioner&apos;s data (task &quot;caption&quot;): scenes with their captions. An encoder-decoder&apos;s data: (source, target) sentence pairs. The Source combo&apos;s width, in characters (&quot;Shapes (generated)&quot; fits).</extracomment>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>mặc định</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Số mẫu</translation>
    </message>
    <message>
        <source>Choose a .csv or .tsv file of (text, label) rows to train on.</source>
        <translation>Hãy chọn một tệp .csv hoặc .tsv gồm các dòng (văn bản, nhãn) để huấn luyện.</translation>
    </message>
    <message>
        <source>Choose an image folder (one subfolder per class) to train on.</source>
        <translation>Hãy chọn một thư mục ảnh (mỗi lớp một thư mục con) để huấn luyện.</translation>
    </message>
    <message>
        <source>Sentences to train on: (text, label) rows</source>
        <translation>Các câu để huấn luyện: các dòng (văn bản, nhãn)</translation>
    </message>
    <message>
        <source>Text tables (*.csv *.tsv);;All files (*)</source>
        <translation>Bảng văn bản (*.csv *.tsv);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Image folder (one subfolder per class)</source>
        <translation>Thư mục ảnh (mỗi lớp một thư mục con)</translation>
    </message>
</context>
<context>
    <name>TrainingMessages</name>
    <message>
        <source>the last good weights were restored.</source>
        <translation>trọng số tốt gần nhất đã được khôi phục.</translation>
    </message>
    <message>
        <source>the weights were left as they were.</source>
        <translation>trọng số được giữ nguyên.</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 epoch</translation>
    </message>
    <message>
        <source>{0} epochs</source>
        <translation>{0} epoch</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>mất mát</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>mất mát kiểm định</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>độ chính xác</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>độ chính xác kiểm định</translation>
    </message>
    <message>
        <source>Training finished after {0}{1}.</source>
        <translation>Huấn luyện xong sau {0}{1}.</translation>
    </message>
    <message>
        <source>Stopped after {0}</source>
        <translation>Đã dừng sau {0}</translation>
    </message>
    <message>
        <source> at step {0}</source>
        <translation> tại bước {0}</translation>
    </message>
    <message>
        <source>Loss became NaN{0}; {1} Try a lower learning rate.</source>
        <translation>Hàm mất mát thành NaN{0}; {1} Hãy thử tốc độ học thấp hơn.</translation>
    </message>
    <message>
        <source>Out of memory: the model or batch does not fit on this device. Try a smaller batch size or a smaller model.</source>
        <translation>Hết bộ nhớ: mô hình hoặc lô không vừa thiết bị này. Hãy thử kích thước lô nhỏ hơn hoặc mô hình nhỏ hơn.</translation>
    </message>
    <message>
        <source>Training failed: {0}.</source>
        <translation>Huấn luyện thất bại: {0}.</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>một lỗi không lường trước</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>A sequence model learns its sentences as they are: data augmentation and freezing a nested backbone are for image models.</source>
        <translation>Mô hình chuỗi học các câu đúng như chúng vốn có: tăng cường dữ liệu và đóng băng mạng xương sống lồng bên trong là dành cho mô hình ảnh.</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <extracomment>Shown translated (``self.tr``); the names are the same in every language.</extracomment>
        <translation>SGD có động lượng</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Pick or type a value from 0.0001 to 1 (e.g. 3e-4)</source>
        <translation>Chọn hoặc gõ một giá trị từ 0.0001 đến 1 (ví dụ 3e-4)</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Set the rate of every Dropout layer in the model</source>
        <translation>Đặt tỉ lệ cho mọi tầng Dropout trong mô hình</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>Bộ tối ưu</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Bộ tối ưu</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Động lượng</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Kích thước lô</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Tỉ lệ kiểm định</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Freeze nested backbone
(feature extraction)</source>
        <translation>Đóng băng mạng xương sống lồng bên trong
(trích xuất đặc trưng)</translation>
    </message>
    <message>
        <source>trainable: –</source>
        <translation>huấn luyện được: –</translation>
    </message>
    <message>
        <source>Transfer learning</source>
        <translation>Học chuyển tiếp</translation>
    </message>
    <message>
        <source>Freeze first layers</source>
        <translation>Đóng băng các tầng đầu</translation>
    </message>
    <message>
        <source>Device: not known yet</source>
        <translation>Thiết bị: chưa biết</translation>
    </message>
    <message>
        <source>Mixed precision (GPU only)</source>
        <translation>Độ chính xác hỗn hợp (chỉ GPU)</translation>
    </message>
    <message>
        <source>Use all devices (MirroredStrategy)</source>
        <translation>Dùng mọi thiết bị (MirroredStrategy)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Learning rate must be a number from 0.0001 to 1.</source>
        <translation>Tốc độ học phải là một số từ 0.0001 đến 1.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Device: {0}</source>
        <translation>Thiết bị: {0}</translation>
    </message>
    <message>
        <source>trainable: {0} of {1} parameters</source>
        <translation>huấn luyện được: {0} trên {1} tham số</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Sẽ dừng sau lô hiện tại…</translation>
    </message>
    <message>
        <source>Paused. Resume to go on, or Stop.</source>
        <translation>Đã tạm dừng. Bấm Tiếp tục để chạy tiếp, hoặc Dừng.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>epoch</source>
        <extracomment>Points of the smoothed line drawn per pixel of the plot&apos;s width. Axis ends a person reads at a glance: 1, 2, 2.5, 5 times a power of ten.</extracomment>
        <translation>epoch</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Mất mát</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>mất mát</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Độ chính xác</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>độ chính xác</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <extracomment>The key under the lines names this many layers at most: the first and last few (purple and yellow), &quot;+N more&quot; between; hovering names any line. New layer lines made per frame (see ``GradientFlowView._make_curves``). Lines made ahead when a run is about to start (``prepare``), while the engine compiles and the window has nothing to draw: VGG-16&apos;s layer count.</extracomment>
        <translation>Chuẩn gradient</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>chuẩn gradient</translation>
    </message>
    <message>
        <source>step</source>
        <translation>bước</translation>
    </message>
    <message>
        <source>Latest norms</source>
        <translation>Chuẩn gần nhất</translation>
    </message>
    <message>
        <source>layer (input → output)</source>
        <translation>tầng (đầu vào → đầu ra)</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Trọng số</translation>
    </message>
    <message>
        <source>count</source>
        <translation>số lượng</translation>
    </message>
    <message>
        <source>weight value</source>
        <translation>giá trị trọng số</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Hàm kích hoạt</translation>
    </message>
    <message>
        <source>activation value</source>
        <translation>giá trị kích hoạt</translation>
    </message>
    <message>
        <source>Dead ReLUs</source>
        <translation>ReLU chết</translation>
    </message>
    <message>
        <source>fraction never active</source>
        <translation>tỉ lệ không bao giờ kích hoạt</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>ETA {0} h {1} min</source>
        <extracomment>Between two parts of one frame: time for the event loop to paint the first. Qt posts the repaint at low priority: on a busy GUI thread (a part&apos;s redraw and the GIL take several ms) a 4 ms timer came first, and the parts were painted together, all plots in one 60-170 ms repaint (``gui_stall.py`` with an event trace); 20 ms apart, each part has its own repaint. The progress bar&apos;s least width: room for &quot;100 % · ETA 1 min 12 s&quot;. The least width of each of the two plots side by side (curves, gradient flow): with the histograms beside them and the training panel docked, the tab must fit a 1280 px window.</extracomment>
        <translation>Còn khoảng {0} giờ {1} phút</translation>
    </message>
    <message>
        <source>ETA {0} min {1} s</source>
        <translation>Còn khoảng {0} phút {1} giây</translation>
    </message>
    <message>
        <source>ETA {0} s</source>
        <translation>Còn khoảng {0} giây</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Press Start in the Training panel to watch the model learn.</source>
        <translation>Bấm Bắt đầu trong bảng Huấn luyện để xem mô hình học.</translation>
    </message>
    <message>
        <source>{0} samples/s</source>
        <translation>{0} mẫu/giây</translation>
    </message>
    <message>
        <source>Training · epoch {0}/{1}</source>
        <translation>Huấn luyện · epoch {0}/{1}</translation>
    </message>
    <message>
        <source>{0} training samples · {1} trainable parameters.</source>
        <translation>{0} mẫu huấn luyện · {1} tham số huấn luyện được.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>xong</translation>
    </message>
</context>
<context>
    <name>UnsafeModelDialog</name>
    <message>
        <source>This model file can run code</source>
        <translation>Tệp mô hình này có thể chạy mã</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; contains parts that Keras will only load with safe mode off. Loading it runs Python code stored in the file.&lt;br&gt;&lt;br&gt;Load it only if you trust where it came from.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; chứa những phần Keras chỉ nạp khi tắt chế độ an toàn. Nạp tệp sẽ chạy mã Python lưu trong tệp.&lt;br&gt;&lt;br&gt;Chỉ nạp nếu bạn tin nguồn gốc của tệp.</translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation>Vẫn nạp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
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
<context>
    <name>WindowViews</name>
    <message>
        <source>Model library</source>
        <translation>Thư viện mô hình</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Các tầng</translation>
    </message>
    <message>
        <source>Builder</source>
        <translation>Trình dựng mạng</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Chi phí</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Bản đồ đặc trưng</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>Các cổng</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Chú ý</translation>
    </message>
    <message>
        <source>Compare cells</source>
        <translation>So sánh các ô</translation>
    </message>
    <message>
        <source>Read digits (CTC)</source>
        <translation>Đọc chữ số (CTC)</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Chú thích ảnh</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Bộ lọc</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>Grad-CAM / saliency</source>
        <translation>Grad-CAM / độ nổi bật</translation>
    </message>
</context>
<context>
    <name>WordButton</name>
    <message>
        <source>Word {0}: click to keep its attention on the picture</source>
        <translation>Từ {0}: nhấp để giữ trọng số chú ý của nó trên ảnh</translation>
    </message>
</context>
<context>
    <name>WordTile</name>
    <message>
        <source>&apos;{0}&apos;: the model was {1} sure of this word; bright = where it looked</source>
        <translation>&apos;{0}&apos;: mô hình chắc chắn {1} về từ này; sáng = nơi nó đã nhìn</translation>
    </message>
</context>
</TS>
