"""Domain vocabulary of CCHC communication plans and OCR restoration against it.

Scans that lost their diacritics ("Ké hoach thong tin, tuyén truyén") are restored word
run by word run: the longest run of words whose OCR-tolerant key equals a key of a
vocabulary n-gram is replaced by the proper Vietnamese n-gram; runs that are unknown stay
verbatim, so names and numbers are never rewritten. Near misses ("cii cach" for "cải
cách") are matched with rapidfuzz against the n-grams of the same length only, so the
cost grows with the field being restored, not with the document.

The same key function (`ocr_key`) is used for structure detection, so "S6:" reads as
"Số:", "Pang" as "Đảng" and "thyc hién" as "thực hiện" everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from loa.text.folding import fold

# Phrases written as a careful drafter would; one phrase a line. Only generic domain
# language: headings, kinds of bodies and posts, channels, products, timing words.
_PHRASES = """
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
ỦY BAN NHÂN DÂN
HỘI ĐỒNG NHÂN DÂN
KẾ HOẠCH
Kế hoạch thông tin, tuyên truyền cải cách hành chính năm
Thông tin, tuyên truyền cải cách hành chính nhà nước năm
Tuyên truyền cải cách hành chính trên địa bàn
Căn cứ Kế hoạch số
Thực hiện Kế hoạch số
Số
ngày tháng năm
MỤC ĐÍCH, YÊU CẦU
MỤC TIÊU, YÊU CẦU VÀ ĐỐI TƯỢNG
Mục đích
Yêu cầu
Mục tiêu
Đối tượng tuyên truyền
Đối tượng, nội dung, hình thức tuyên truyền
Nội dung tuyên truyền
Nội dung, hình thức tuyên truyền
Nội dung, hình thức thông tin, tuyên truyền
Nội dung, hình thức, đối tượng và thời gian tuyên truyền
Hình thức tuyên truyền
Hình thức thông tin, tuyên truyền
Nhiệm vụ cụ thể
Nhiệm vụ và giải pháp
Các hoạt động tuyên truyền trọng điểm
Tổ chức thực hiện
Kinh phí thực hiện
Kinh phí thực hiện công tác tuyên truyền
Chế độ thông tin, báo cáo
Thời gian thực hiện
Phụ lục chi tiết đính kèm
Một số nhiệm vụ cụ thể thực hiện công tác thông tin, tuyên truyền về cải cách hành chính
Ban hành kèm theo Kế hoạch số
Nơi nhận
Lưu VT
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
CHỦ TỊCH
Ủy ban nhân dân xã
Ủy ban nhân dân huyện
Ủy ban nhân dân tỉnh
Ủy ban Mặt trận Tổ quốc Việt Nam
Đoàn Thanh niên Cộng sản Hồ Chí Minh
Hội Liên hiệp Phụ nữ
Hội Nông dân
Hội Cựu chiến binh
các tổ chức chính trị - xã hội
tổ chức chính trị - xã hội - nghề nghiệp
Văn phòng HĐND và UBND
Văn phòng Đảng ủy
Công chức Văn phòng - Thống kê
Công chức Văn phòng - Thống kê - Nội vụ
Công chức Văn hóa - Xã hội
Công chức Văn hóa - Thông tin
Công chức Tư pháp - Hộ tịch
Công chức Tài chính - Kế toán
Công chức Kế toán - Ngân sách
Công chức Địa chính - Xây dựng
Công chức có liên quan
cán bộ, công chức, viên chức và người lao động
cán bộ, công chức có liên quan
Bộ phận tiếp nhận và trả kết quả
Bộ phận Một cửa
Một cửa
Đài truyền thanh xã
Đài Truyền thanh
Đài Phát thanh và Truyền hình
Hệ thống truyền thanh xã
Trung tâm Văn hóa - Thông tin và Thể thao
Trung tâm Truyền thông và Văn hóa
Phòng Nội vụ
Phòng Tư pháp
Phòng Văn hóa và Thông tin
Phòng Tài chính - Kế hoạch
Sở Nội vụ
Sở Thông tin và Truyền thông
Sở Tư pháp
Các ngành, đơn vị có liên quan
các cơ quan, đơn vị có liên quan
các ban, ngành, đoàn thể
Trưởng ấp
Trưởng thôn
Trưởng khu phố
HĐND cấp xã
Tiếp xúc cử tri
Cuộc
số lượng theo quy định
cán bộ, công chức
trên địa bàn xã
trên địa bàn huyện
trên địa bàn tỉnh
người dân, doanh nghiệp
Nhân dân
Nhà nước
cơ quan hành chính nhà nước
đơn vị sự nghiệp công lập
chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước
cải cách hành chính
cải cách thủ tục hành chính
thủ tục hành chính
chính quyền điện tử
chuyển đổi số
dịch vụ công trực tuyến
dịch vụ bưu chính công ích
cơ chế một cửa, một cửa liên thông
xây dựng kế hoạch
triển khai thực hiện kế hoạch
tổ chức thực hiện
nâng cao chất lượng
nâng cao nhận thức
thông tin, tuyên truyền
phổ biến, giáo dục pháp luật
lồng ghép nội dung
hội nghị
hội thảo
tọa đàm
tập huấn
bồi dưỡng kiến thức
lớp bồi dưỡng
cuộc thi
hội thi
đối thoại
khảo sát
điều tra xã hội học
đường dây nóng
niêm yết công khai
công khai đầy đủ, rõ ràng
trụ sở làm việc
tuyên truyền trực quan
pa nô, áp phích, băng rôn, khẩu hiệu
tờ rơi, tờ gấp
xe loa
tuyên truyền lưu động
chuyên mục cải cách hành chính
chuyên mục trên sóng phát thanh
sóng phát thanh
sóng truyền thanh
trang thông tin điện tử
cổng thông tin điện tử
cổng dịch vụ công
mạng xã hội
báo chí
bản tin
phương tiện thông tin đại chúng
bài viết, câu chuyện truyền thanh
các sản phẩm truyền thông
sản phẩm
hợp đồng
biên bản nghiệm thu, thanh lý hợp đồng
ký hợp đồng, thanh lý hợp đồng thông tin, tuyên truyền
thực hiện chuyên mục
triển khai, hoàn thành
thường xuyên
thường xuyên trong năm
hàng tháng
hằng tháng
hàng quý
hàng năm
mỗi tháng
mỗi quý
trong năm
trước ngày
tháng
quý
năm
định kỳ hàng quý, 6 tháng, năm
báo cáo
kinh phí
ngân sách nhà nước
dự toán ngân sách
bố trí kinh phí
nguồn kinh phí
về việc
của
trên
theo
với
cho
và
các
về
""".strip()

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_DIGIT_LIKE = str.maketrans({"6": "o", "0": "o", "1": "l", "4": "a", "8": "a", "3": "a", "&": "a", "¢": "c"})
_Y_AS_U = re.compile(r"(?<=[bcdghklmnpqrstvx])y(?=[cmnpt])")
_MAX_N = 4


@lru_cache(maxsize=65536)
def ocr_key(word: str) -> str:
    """OCR-tolerant comparison key of one word.

    Folded (no diacritics, lower case), then the confusions typical of Vietnamese OCR are
    undone: digits inside words ("S6" → "so", "x4" → "xa"), "w" for "ư", "y" for "ư"
    between consonants ("thyc" → "thuc") and "P" for "Đ" before a vowel ("Pang" → "dang").
    """
    key = fold(word)
    if any(c.isalpha() for c in key) and any(c.isdigit() or c in "&¢" for c in key):
        key = key.translate(_DIGIT_LIKE)
    key = key.replace("w", "u")
    key = _Y_AS_U.sub("u", key)
    if len(key) > 1 and key[0] == "p" and key[1] in "aeiouy":
        key = "d" + key[1:]
    return key


_COMBINING = re.compile("[\u0300-\u036f]")


def quick_fold(text: str) -> str:
    """Lower-case, diacritic-free text (like `folding.fold`, but whitespace is kept as is);
    NFD plus one regex pass, which is several times faster than a per-character loop."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D").lower()


@lru_cache(maxsize=32768)
def text_key(text: str) -> str:
    """`ocr_key` of every word of `text`, joined by single spaces (cached: paragraphs are
    keyed by several readers)."""
    return " ".join([_fix_key(w) for w in _WORD_RE.findall(quick_fold(text))])


@lru_cache(maxsize=65536)
def _fix_key(folded_word: str) -> str:
    return ocr_key(folded_word)


_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uau|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|"
    r"uy|ya|ye|yu|[aeiouy])"
    r"(?:ng|nh|ch|[cmnptk])?$"
)


@lru_cache(maxsize=65536)
def is_syllable(key: str) -> bool:
    """True if a folded word is shaped like a Vietnamese syllable (OCR garbage is not)."""
    return bool(_SYLLABLE.match(key))


def _numbers_as_hash(key: str) -> str:
    return "#" if key.isdigit() else key


class Vocabulary:
    """Folded n-gram → proper-spelling map built from domain phrases."""

    def __init__(self, phrases: str) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for line in phrases.splitlines():
            words = _WORD_RE.findall(line)
            for n in range(1, _MAX_N + 1):
                for i in range(len(words) - n + 1):
                    chunk = words[i : i + n]
                    key = " ".join(_numbers_as_hash(ocr_key(w)) for w in chunk)
                    counts[key][" ".join(chunk)] += 1
        self.ngrams: dict[str, str] = {}
        for key, proper in counts.items():
            # Prefer the lower-case spelling; case is transferred from the source anyway.
            best = max(proper.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
            self.ngrams[key] = best
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for key in self.ngrams:
            self.by_length[key.count(" ") + 1].append(key)
        self.known_words = frozenset(k for k in self.ngrams if " " not in k)

    def knows(self, word: str) -> bool:
        """True if the word's key is a vocabulary word."""
        return ocr_key(word) in self.known_words


VOCABULARY = Vocabulary(_PHRASES)


def _transfer_case(source: str, proper: str, span_upper: bool = False) -> str:
    if span_upper or (source.isupper() and len(source) > 1):
        return proper.upper()
    if source[:1].isupper():
        return proper[:1].upper() + proper[1:]
    if source.islower():
        return proper.lower() if not proper[:1].isupper() or len(proper) < 2 else proper
    return proper


@lru_cache(maxsize=8192)
def _fuzzy_ngram(key: str, n: int) -> str | None:
    if len(key) < 3 * n + 1:
        return None
    choices = VOCABULARY.by_length.get(n)
    if not choices:
        return None
    hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=84)
    return None if hit is None else str(hit[0])


def restore(text: str, *, vocabulary: Vocabulary = VOCABULARY, thorough: bool = True) -> str:
    """Restore proper Vietnamese spelling where the vocabulary knows the words.

    Separators and unknown words are kept verbatim. Meant for OCR text without diacritics;
    applied to well-formed text it only changes words whose folded form is a vocabulary word.
    A run of words never crosses punctuation other than spaces, hyphens and commas.
    Near misses are looked up for unknown words; with `thorough=False` only for words that
    are not even shaped like a Vietnamese syllable (cheaper, for whole-document passes).
    """
    tokens = list(_WORD_RE.finditer(text))
    if not tokens:
        return text
    keys = [_numbers_as_hash(ocr_key(m.group())) for m in tokens]
    known = vocabulary.known_words
    odd = [k not in known and k != "#" and (thorough or not is_syllable(k)) for k in keys]
    count = len(tokens)
    joinable = [text[tokens[k].end() : tokens[k + 1].start()].strip() in _JOINERS for k in range(count - 1)]
    out: list[str] = []
    last = 0
    i = 0
    ngrams = vocabulary.ngrams
    while i < count:
        span = 1
        while span < _MAX_N and i + span < count and joinable[i + span - 1]:
            span += 1
        for n in range(span, 0, -1):
            key = keys[i] if n == 1 else " ".join(keys[i : i + n])
            proper = ngrams.get(key)
            if proper is None and n >= 2 and any(odd[i : i + n]):
                fuzzy_key = _fuzzy_ngram(key, n)
                if fuzzy_key and _compatible(keys[i : i + n], odd[i : i + n], fuzzy_key.split()):
                    proper = ngrams.get(fuzzy_key)
            if proper is None:
                continue
            proper_words = _WORD_RE.findall(proper)
            if len(proper_words) != n:
                continue
            upper = _span_is_upper(tokens[i : i + n])
            out.append(text[last : tokens[i].start()])
            for k in range(n):
                src = tokens[i + k].group()
                out.append(src if src.isdigit() else _transfer_case(src, proper_words[k], upper))
                if k < n - 1:
                    out.append(text[tokens[i + k].end() : tokens[i + k + 1].start()])
            last = tokens[i + n - 1].end()
            i += n - 1
            break
        i += 1
    out.append(text[last:])
    return "".join(out)


_JOINERS = frozenset({"", "-", "–", ","})


def _compatible(keys: list[str], odd: list[bool], target: list[str]) -> bool:
    """A near-miss n-gram may only change unknown words, each into a similar word."""
    for key, is_odd, new in zip(keys, odd, target, strict=True):
        if key == new:
            continue
        if not is_odd or fuzz.ratio(key, new) < 50:
            return False
    return True


def _span_is_upper(tokens: list[re.Match[str]]) -> bool:
    letters = "".join(t.group() for t in tokens)
    alpha = [c for c in letters if c.isalpha()]
    return len(alpha) > 1 and sum(c.isupper() for c in alpha) >= 0.6 * len(alpha)


# Words that open the name of a body or a post; used to split lists of agencies.
AGENCY_HEADS = (
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "hội đồng",
    "văn phòng",
    "phòng",
    "sở",
    "ban",
    "bộ phận",
    "công chức",
    "cán bộ",
    "trung tâm",
    "đài",
    "báo",
    "cổng",
    "hội",
    "đoàn",
    "mặt trận",
    "mttq",
    "uỷ ban mttq",
    "chi cục",
    "cục",
    "công an",
    "quân sự",
    "ban chỉ huy",
    "trường",
    "trạm",
    "hệ thống",
    "thường trực",
    "trưởng",
    "tổ",
    "các cơ quan",
    "các sở",
    "các ban",
    "các phòng",
    "các đơn vị",
    "các công chức",
    "các tổ chức",
    "các đoàn thể",
    "các ngành",
    "các hội",
    "các xã",
    "các cơ quan, đơn vị",
    "cơ quan",
)
AGENCY_HEAD_KEYS = tuple(sorted({fold(h) for h in AGENCY_HEADS}, key=len, reverse=True))

# Words after which a line or cell cannot end: a break there is inside one cell.
CONNECTOR_KEYS = frozenset(
    fold(w)
    for w in (
        "và",
        "của",
        "với",
        "cho",
        "trên",
        "tại",
        "về",
        "các",
        "những",
        "lên",
        "đến",
        "từ",
        "theo",
        "trong",
        "để",
        "đối",
        "sự",
        "việc",
        "hoặc",
        "cùng",
        "qua",
        "bằng",
    )
)
