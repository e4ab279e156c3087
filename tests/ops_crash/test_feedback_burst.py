"""SIGKILL of the web server in the middle of a burst of citizens' feedback submissions.

Eight clients at a time send feedback through the public form (CSRF token, honeypot left
empty, some with one or two files), each submission marked so it can be found again. When
a set number have been answered "received" with their tracking code, gunicorn is killed
with the rest in flight; it is started again and a second burst is killed the same way.
After each restart:

- every submission answered with a tracking code is stored under that code, with its
  text and exactly the files sent, byte for byte;
- no stored feedback is half-written: whether or not its sender got the answer (the kill
  may fall between the commit and the response), it has every file its sender sent, and
  every file row points at a whole file on disk.

Files written before a kill whose feedback never committed may stay on disk unreferenced;
that is tolerated (staff never see them) and printed. The site then takes feedback again.
"""

from __future__ import annotations

import hashlib
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from tests.evidence import PDF_BYTES, png_bytes

from .harness import Site, http_session

CONCURRENCY = 8
# (submissions in the burst, answers received before the kill)
BURSTS = ((50, 12), (50, 30))
CODE = re.compile(r'class="tracking-code" data-code>([0-9A-Z]+)<')
TOPICS = ("procedure", "attitude", "communication")


@dataclass(frozen=True)
class Submission:
    marker: str
    files: tuple[tuple[str, bytes], ...]

    @property
    def digests(self) -> list[str]:
        return sorted(hashlib.sha256(data).hexdigest() for _name, data in self.files)


def submission(burst: int, n: int) -> Submission:
    files: list[tuple[str, bytes]] = []
    if n % 3 == 0:
        files.append((f"anh-{burst}-{n}.png", png_bytes(2 + n, 2 + burst)))
    if n % 4 == 0:
        files.append((f"bien-ban-{burst}-{n}.pdf", PDF_BYTES + f"% {burst}-{n}\n".encode()))
    return Submission(f"[burst {burst} no {n}]", tuple(files))


@dataclass
class Burst:
    site: Site
    kill_after: int
    accepted: dict[str, Submission] = field(default_factory=dict)  # tracking code → submission
    cut_off: list[str] = field(default_factory=list)  # sent, no answer: the kill came first
    refused: list[str] = field(default_factory=list)
    killed: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, item: Submission, path: str, token: str) -> None:
        if self.killed.is_set():
            return
        data = {
            "topic": TOPICS[len(item.marker) % 3],
            "name": "Nguyễn Văn Thử",
            "phone": "0912345678",
            "email": "",
            "content": f"Đường làng ngập nước sau mưa, đề nghị xử lý. {item.marker}",
            "website": "",
            "csrfmiddlewaretoken": token,
        }
        files = [("attachments", (name, content)) for name, content in item.files]
        try:
            with http_session() as client:
                response = client.post(
                    self.site.url(path),
                    data=data,
                    files=files or None,
                    cookies={"csrftoken": token},
                    timeout=60,
                )
        except requests.RequestException:
            with self.lock:
                self.cut_off.append(item.marker)
            return
        match = CODE.search(response.text)
        with self.lock:
            if response.status_code != 200 or not match:
                if self.killed.is_set():  # an answer cut short by the kill
                    self.cut_off.append(item.marker)
                else:
                    self.refused.append(f"{item.marker}: {response.status_code} {response.text[:300]}")
                return
            self.accepted[match.group(1)] = item
            if len(self.accepted) >= self.kill_after and not self.killed.is_set():
                self.killed.set()
                self.site.kill(worker=False)


def fire(site: Site, burst_no: int, size: int, kill_after: int) -> Burst:
    path = f"/cong-khai/don-vi/{site.info['unit']}/phan-anh/gui/"
    token = http_session().get(site.url(path), timeout=30).cookies.get("csrftoken") or ""
    assert token, "the feedback form set no CSRF cookie"
    burst = Burst(site, kill_after)
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        sending = [pool.submit(burst.send, submission(burst_no, n), path, token) for n in range(size)]
    for future in sending:
        future.result()  # a client's own error is the test's error
    return burst


def stored(site: Site) -> dict[str, tuple[str, list[tuple[str, int]]]]:
    """Every feedback: code → (content, [(file, size)])."""
    feedback = site.database.rows("SELECT id, code, content FROM feedback_feedback")
    rows: dict[str, tuple[str, list[tuple[str, int]]]] = {
        code: (content, []) for _id, code, content in feedback
    }
    codes = {feedback_id: code for feedback_id, code, _content in feedback}
    for feedback_id, name, size in site.database.rows(
        "SELECT feedback_id, file, size FROM feedback_feedbackattachment"
    ):
        rows[codes[feedback_id]][1].append((name, size))
    return rows


def check_feedback(site: Site, accepted: dict[str, Submission], sent: dict[str, Submission]) -> list[str]:
    problems = []
    rows = stored(site)
    for code, item in accepted.items():
        if code not in rows:
            problems.append(f"{item.marker} was answered with code {code} but is not stored")
        elif item.marker not in rows[code][0]:
            problems.append(f"code {code} holds another submission than {item.marker}")
    for code, (content, files) in rows.items():
        marker = re.search(r"\[burst \d+ no \d+\]", content)
        origin = sent.get(marker.group(0)) if marker else None
        if origin is None:
            problems.append(f"feedback {code} matches nothing that was sent")
            continue
        digests = []
        for name, size in files:
            path = site.media / name
            if not path.is_file() or path.stat().st_size != size:
                problems.append(f"feedback {code}: file {name} missing or not whole")
                continue
            digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        if sorted(digests) != origin.digests:
            problems.append(
                f"feedback {code} ({origin.marker}): {len(digests)} of {len(origin.files)} files intact"
            )
    return problems


def test_every_accepted_feedback_survives_sigkill_mid_burst(site: Site) -> None:
    site.start(worker=False)  # feedback needs no background worker
    accepted: dict[str, Submission] = {}
    sent: dict[str, Submission] = {}
    report = []
    for burst_no, (size, kill_after) in enumerate(BURSTS, start=1):
        sent.update({s.marker: s for s in (submission(burst_no, n) for n in range(size))})
        burst = fire(site, burst_no, size, kill_after)
        assert burst.killed.is_set(), (
            f"the server was not killed: {len(burst.accepted)} accepted, {burst.refused}"
        )
        assert burst.refused == [], burst.refused
        assert burst.cut_off, "no submission was in flight when the server was killed"
        accepted.update(burst.accepted)
        site.launch(web=True, worker=False)
        problems = check_feedback(site, accepted, sent)
        assert problems == [], problems
        site.wait_ready(worker=False)
        unanswered_but_stored = sum(1 for code in stored(site) if code not in accepted)
        report.append((len(burst.accepted), len(burst.cut_off), unanswered_but_stored))

    after = fire(site, len(BURSTS) + 1, 4, kill_after=10**6)  # the restarted site takes feedback again
    assert len(after.accepted) == 4, (after.cut_off, after.refused)
    sent.update({s.marker: s for s in (submission(len(BURSTS) + 1, n) for n in range(4))})
    accepted.update(after.accepted)
    assert check_feedback(site, accepted, sent) == []
    known = {name for rows in stored(site).values() for name, _size in rows[1]}
    orphans = sum(1 for p in site.media_files("feedback") if str(p.relative_to(site.media)) not in known)
    print(
        f"\nbursts (answered, cut off in flight, stored unanswered): {report}; files without a row: {orphans}"
    )
