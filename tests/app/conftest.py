"""AppTest fixtures: the real app.py, run in-process."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def new_app() -> AppTest:
    """A fresh app session, not yet run: a British English browser on this computer, and a
    server listening on this computer only, as .streamlit/config.toml says (AppTest does not
    read that file)."""
    config.set_option("server.address", "127.0.0.1")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.context = {"locale": "en-GB"}
    return at


@pytest.fixture(autouse=True)
def _close_database_pools() -> Iterator[None]:
    # Each test's PostgreSQL database is its own; its pool goes with it rather than
    # retrying a server that the session's end has stopped.
    yield
    from crampcare_ui import journals

    journals._postgres_pool.clear()


@pytest.fixture
def app() -> AppTest:
    return new_app()


def texts(at: AppTest, kind: str) -> str:
    """All text of one element kind (markdown, caption, error, ...) joined, for searching."""
    return "\n".join(str(e.value) for e in getattr(at, kind))


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files a page offers to download, by download name: built when the page runs, or,
    for a download built when pressed, as if it had been pressed."""
    files: dict[str, bytes] = {}
    add_deferred = MediaFileManager.add_deferred

    def pressed(self, data, mimetype, coordinates, file_name=None, **kwargs) -> str:
        content = data()
        files[file_name] = content.encode("utf-8") if isinstance(content, str) else content
        return add_deferred(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", pressed)

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None) -> str:
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            if filename:
                files[filename] = self._files_by_id[file_id].content
            return file_id

    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", Recording)
    return files
