"""Demo data of the citizens' side for the demo ward: contacts, procedures, a survey,
index results, feedback and questions — all through the real services, idempotent and
deterministic."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loa.feedback.choices import Kind, Topic
from loa.feedback.models import Feedback
from loa.feedback.services import (
    FeedbackInput,
    answer_feedback,
    publish_answer,
    select_question,
    submit_feedback,
)
from loa.indices.models import IndexValue
from loa.indices.services import IndexInput, record_index
from loa.portal.models import ContactPoint
from loa.procedures.models import Procedure
from loa.procedures.services import import_procedures
from loa.surveys.models import Survey
from loa.surveys.services import create_survey_from_template, open_survey, submit_response
from loa.units.models import Unit

SAMPLE_PROCEDURES = Path(__file__).resolve().parent.parent / "procedures" / "data" / "sample_xa.csv"

# Published results of Hưng Yên in the PAR INDEX and SIPAS rankings are used only as
# plausible demo values here, not as the official figures.
PROVINCE_INDICES = {2023: ("86.12", "84.70"), 2024: ("88.03", "86.15"), 2025: ("89.41", "87.90")}


def build_portal_demo(province: Unit, commune: Unit, *, actor: Any, seed: int = 2026) -> None:
    today = timezone.localdate()
    rng = random.Random(f"{seed}-portal")
    if not ContactPoint.objects.filter(unit=commune).exists():
        for position, (kind, label, value, hours) in enumerate(
            [
                ("hotline", "Đường dây nóng của Chủ tịch UBND", "0221 3942 888", "24/7"),
                ("desk", "Bộ phận Một cửa", "Trụ sở UBND, tầng 1", "Sáng 7h30–11h30, chiều 13h30–17h00"),
                ("email", "Thư điện tử", "ubnd@duonghao.hungyen.gov.vn", ""),
            ]
        ):
            ContactPoint.objects.create(
                unit=commune, kind=kind, label=label, value=value, hours=hours, position=position
            )
    if not Procedure.objects.filter(unit=commune).exists():
        upload = SimpleUploadedFile(SAMPLE_PROCEDURES.name, SAMPLE_PROCEDURES.read_bytes(), "text/csv")
        import_procedures(commune, upload, actor=actor)
    if not Survey.objects.filter(unit=commune).exists():
        survey = create_survey_from_template(
            commune,
            title=f"Khảo sát sự hài lòng của người dân năm {today.year}",
            opens_on=today - dt.timedelta(days=30),
            closes_on=today + dt.timedelta(days=30),
            actor=actor,
        )
        survey = open_survey(survey, actor=actor)
        questions = list(survey.questions.order_by("position").values_list("pk", flat=True))
        for n in range(40):
            scores = {q: rng.choices([2, 3, 4, 5], weights=[1, 2, 5, 4])[0] for q in questions}
            submit_response(survey, scores=scores, device_key=f"demo-device-{n}")
    for year, (par, sipas) in PROVINCE_INDICES.items():
        if not IndexValue.objects.filter(unit=province, year=year).exists():
            source = "Bộ Nội vụ (giá trị minh họa)"
            ranking = {"rank": rng.randint(5, 20), "rank_of": 63 if year < 2025 else 34}
            par_index = IndexInput(year=year, kind="par_index", value=Decimal(par), source=source, **ranking)
            record_index(province, data=par_index, actor=actor)
            record_index(
                province,
                data=IndexInput(year=year, kind="sipas", value=Decimal(sipas), source=source),
                actor=actor,
            )
    if not Feedback.objects.filter(unit=commune).exists():
        answered = submit_feedback(
            commune,
            FeedbackInput(
                topic=Topic.PROCEDURE,
                name="Trần Văn Bình",
                phone="0912345678",
                content="Tôi nộp hồ sơ đăng ký khai sinh trực tuyến đã 5 ngày nhưng chưa nhận được kết quả.",
            ),
            client="demo",
        )
        answer_feedback(
            answered,
            answer=(
                "Hồ sơ của ông đã được giải quyết ngày hôm qua; kết quả được gửi qua dịch vụ "
                "bưu chính công ích."
            ),
            actor=actor,
        )
        publish_answer(
            answered, summary="Hỏi về thời hạn giải quyết hồ sơ đăng ký khai sinh trực tuyến.", actor=actor
        )
        submit_feedback(
            commune,
            FeedbackInput(
                topic=Topic.COMMUNICATION,
                name="Nguyễn Thị Hoa",
                email="hoa@example.com",
                content=(
                    "Đề nghị phát lại chuyên mục cải cách hành chính vào buổi tối để người đi làm nghe được."
                ),
            ),
            client="demo",
        )
        question = submit_feedback(
            commune,
            FeedbackInput(
                kind=Kind.QUESTION,
                topic=Topic.PROCEDURE,
                name="Lê Văn Tâm",
                phone="0987000111",
                content="Thủ tục chứng thực bản sao có làm vào thứ Bảy không?",
            ),
            client="demo",
        )
        question = select_question(question, month=today.replace(day=1), actor=actor)
        answer_feedback(
            question,
            answer="Bộ phận Một cửa tiếp nhận chứng thực sáng thứ Bảy hằng tuần, từ 7h30 đến 11h30.",
            answerer_title="Chủ tịch UBND phường",
            actor=actor,
        )
        publish_answer(question, actor=actor)
