"""Photos to a real Ghost: the inline photo uploaded before the post that shows it, the
feature photo with its caption and alt on the post, and what Ghost serves says nothing of
where or with what the picture was taken."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from newsdesk import services
from newsdesk.sync import outbox
from tests.integration.test_ghost_outbox import SITE, Desk, _once, desk, store  # noqa: F401  (fixtures)
from tests.integration.test_photo_privacy_on_site import (
    ARTICLE,
    assert_says_everything,
    assert_says_nothing,
    phone_photo,
)


def test_inline_and_feature_photos_go_up_first_and_say_nothing(
    desk: Desk,  # noqa: F811
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reportage"
    folder.mkdir()
    for name, size, colour in (
        ("une.jpg", (1800, 1200), (30, 90, 160)),
        ("berge.jpg", (1200, 900), (140, 110, 60)),
    ):
        data = phone_photo(*size, colour)
        assert_says_everything(data)
        (folder / name).write_bytes(data)
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    article = services.import_file(desk.store, folder / "article.md")
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()

    post = _once(desk, article)
    assert post["feature_image_caption"] == "Le pont Kennedy au matin (Moussa Photographe)"
    assert post["feature_image_alt"] == "Le fleuve Niger en crue sous le pont Kennedy, à Niamey"
    inline = re.findall(r'<img src="([^"]+)"', str(post["html"]))
    assert len(inline) == 1 and "/content/images/" in inline[0]
    assert 'alt="Des riverains sur la berge du fleuve"' in str(post["html"])
    for url in (str(post["feature_image"]), inline[0]):
        assert "une" not in url.rsplit("/", 1)[1] and "berge" not in url
        served = httpx.get(url, timeout=10)
        assert served.status_code == 200, url
        assert_says_nothing(served.content, url)
