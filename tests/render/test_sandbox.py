"""User templates are data we did not write: a sandbox, and no file outside the template folders."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing.errors import RenderError
from briefing.render import page as render
from tests.brief_samples import demo_brief, settings

SHELL = '{{ lipsum.__globals__.os.popen("echo PWNED-$((6*7))").read() }}'


def theme(tmp_path: Path, **files: str) -> Path:
    """Make an override folder holding the given templates."""
    folder = tmp_path / "theme"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("payload", [
    SHELL,
    '{{ cycler.__init__.__globals__.os.popen("echo PWNED-$((6*7))").read() }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ brief.__class__.__init__.__globals__ }}",
])
def test_template_cannot_reach_python_internals(tmp_path: Path, payload: str) -> None:
    folder = theme(tmp_path, brief_html_j2=f"<html><body>{payload}</body></html>")
    with pytest.raises(RenderError, match=r"template brief\.html\.j2: (SecurityError|UndefinedError)") as info:
        render.render_html(demo_brief(), settings(templates_dir=folder))
    assert "PWNED-42" not in str(info.value)


def test_text_template_is_sandboxed_too(tmp_path: Path) -> None:
    folder = theme(tmp_path, brief_txt_j2=SHELL)
    with pytest.raises(RenderError, match=r"template brief\.txt\.j2: SecurityError"):
        render.render_text(demo_brief(), settings(templates_dir=folder))


def test_include_of_a_link_to_etc_passwd_is_refused(tmp_path: Path) -> None:
    folder = theme(tmp_path, brief_html_j2='<html><body><pre>{% include "passwd" %}</pre></body></html>')
    (folder / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(RenderError, match="passwd in .* leads to /etc/passwd, outside the template folder") as info:
        render.render_html(demo_brief(), settings(templates_dir=folder))
    assert "root:" not in str(info.value)


def test_linked_theme_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("/* secret: hunter2 */", encoding="utf-8")
    folder = theme(tmp_path)
    (folder / "brief.css").symlink_to(secret)  # the shipped brief.html.j2 includes brief.css
    with pytest.raises(RenderError, match="brief.css in .* leads to .*secret.css, outside the template folder"):
        render.render_html(demo_brief(), settings(templates_dir=folder))


def test_linked_subfolder_leading_outside_is_refused(tmp_path: Path) -> None:
    folder = theme(tmp_path, brief_html_j2='<html><body>{% include "etc/hostname" %}</body></html>')
    (folder / "etc").symlink_to("/etc")
    with pytest.raises(RenderError, match="outside the template folder"):
        render.render_html(demo_brief(), settings(templates_dir=folder))


def test_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = theme(tmp_path, brief_html_j2='<html><body>{% include "parts/foot.html" %}</body></html>')
    (folder / "real").mkdir()
    (folder / "real" / "foot.html").write_text("<p>our own foot</p>", encoding="utf-8")
    (folder / "parts").symlink_to(folder / "real")
    assert "our own foot" in render.render_html(demo_brief(), settings(templates_dir=folder))


def test_override_brief_txt_is_honoured_by_render(tmp_path: Path) -> None:
    folder = theme(tmp_path, brief_txt_j2="OUR TEXT {{ brief.title.en }} / {{ brief.date }}\n")
    small = replace(demo_brief(), figures=(), lists=())
    done = render.render(small, settings(templates_dir=folder), ("html",))
    assert done.text == f"OUR TEXT {small.title.en} / {small.date}\n"
    assert render.render_text(small) != done.text  # the shipped one without the override
