"""A hostile campaign folder: it may not run code, read a file outside it, or reach the network.

Every attack ends in a clear error. Nothing runs (a payload that would create a marker
file leaves none) and nothing outside is read (a secret that only files outside the
campaign hold appears in no output and no message).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner

from printkit import api
from printkit.cli import main
from printkit.errors import CampaignError, DataError, PrintkitError
from printkit.mail import spreadsheet

SECRET = "SECRET-7f3a91c"  # held only by files outside the campaign, and the environment
YAML = """\
    title: Save the Harbour Baths
    organisation: {name: Friends of the Baths}
    action: {text: Write to your councillor, url: "https://example.org/baths"}
    letter:
      to: councillor
      recipient_address: [County Hall, Quay Street, ABERYSTWYTH, SY23 2DE]
      text: letter.md
    """
LETTER = """\
    Dear [Councillor name],

    The Harbour Baths have served this town since 1911.

    Yours sincerely,

    [Your name]
    """
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><text y="20">{}</text></svg>'


@dataclass
class Hostile:
    """A campaign folder, the files beside it that it must not reach, and where outputs go."""

    folder: Path
    outside: Path
    marker: Path  # a payload that ran would create this file
    out: Path

    def link(self, name: str, target: Path) -> None:
        """Put a link named `name` in the campaign folder, pointing at `target`."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        path.unlink(missing_ok=True)
        os.symlink(target, path)

    def write(self, name: str, text: str) -> None:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("MARKER", str(self.marker)), encoding="utf-8")

    def set_yaml(self, old: str, new: str) -> None:
        path = self.folder / "campaign.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hostile:
    outside = tmp_path / "outside"
    (outside / "templates").mkdir(parents=True)
    (outside / "styles").mkdir()
    (outside / "secret.md").write_text(f"Dear [Councillor name],\n\n{SECRET}\n")
    (outside / "secret.css").write_text(f'body::before {{ content: "{SECRET}" }}\n')
    (outside / "styles" / "x.css").write_text(f'body::before {{ content: "{SECRET}" }}\n')
    (outside / "logo.svg").write_text(SVG.format(SECRET))
    (outside / "letter.html").write_text(f"<p>{SECRET}</p>\n")
    (outside / "templates" / "letter.html").write_text(f"<p>{SECRET}</p>\n")
    (outside / "campaign.yaml").write_text(f"title: {SECRET}\nletter: {{text: {SECRET}}}\n")
    (outside / "councillors.csv").write_text(f"Ward,Councillor name\nSt James's,{SECRET}\n")
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(textwrap.dedent(YAML), encoding="utf-8")
    (folder / "letter.md").write_text(textwrap.dedent(LETTER), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("PRINTKIT_TEST_SECRET", SECRET)
    return Hostile(folder, outside, tmp_path / "pwned", out)


def everything_written(folder: Path) -> str:
    """All that the outputs hold: each PDF's text as read back, and every file's bytes."""
    held = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        held.append(data.decode("latin-1"))
        if data.startswith(b"%PDF"):
            document = pypdfium2.PdfDocument(data)
            held.extend(page.get_textpage().get_text_range() for page in document)
            document.close()
    return "\n".join(held)


def refused(hostile: Hostile, make: Callable[[], object], error: type = CampaignError) -> str:
    """Run `make`, which must fail with a clear error; nothing ran and nothing was read."""
    with pytest.raises(error) as caught:
        make()
    message = str(caught.value)
    assert not hostile.marker.exists(), "a payload ran"
    assert SECRET not in message
    assert SECRET not in everything_written(hostile.out)
    return message


def checked(hostile: Hostile) -> str:
    """What `printkit check` says of the campaign: it must find a problem."""
    problems, _ = api.check(hostile.folder)
    assert problems, "check found nothing wrong with a hostile campaign"
    assert not hostile.marker.exists(), "a payload ran"
    text = "\n".join(map(str, problems))
    assert SECRET not in text
    return text


# --- Template code: the sandbox -------------------------------------------------------------

ESCAPES = {
    "lipsum": "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "namespace": "{{ namespace.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "self": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "self init": "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id') }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "subclasses loop": "{% for c in ().__class__.__base__.__subclasses__() %}"
    "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'MARKER']) }}{% endif %}{% endfor %}",
    "attr filter": "{{ ''|attr('__class__')|attr('__mro__') }}",
    "function globals": "{{ blank.__globals__['os'].popen('touch MARKER').read() }}",
    "method globals": "{{ t.__call__.__func__.__globals__['os'].popen('touch MARKER') }}",
    "range": "{{ range.__self__ }}",
    "dict": "{{ dict.__class__ }}",
    "config": "{{ config.items() }}",
    "changing printkit's words": "{{ t.phrases.update({'Date': 'pwned'}) }}",
    "a power tower": "{{ (9 ** 9) ** 99 }}",
    "a gigabyte of text": "{{ 'x' * 1000000000 }}",
    "endless recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
}


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_template_code_cannot_escape_the_sandbox(hostile: Hostile, payload: str) -> None:
    hostile.write("templates/letter.html", payload)
    assert "letter.html:1" in checked(hostile)
    message = refused(hostile, lambda: api.letter(hostile.folder, hostile.out / "l.pdf"))
    assert "letter.html:1" in message
    assert not (hostile.out / "l.pdf").exists()


CAMPAIGN_PATHS = {  # leaflet.html is given the campaign: it must not hand out its paths
    "root": "{{ campaign.root.parent.joinpath('outside/secret.md').read_text() }}",
    "source": "{{ campaign.source.read_text() }}",
    "letter source": "{{ campaign.letter.source.parent.parent.joinpath('outside').iterdir() }}",
    "logo": "{{ campaign.brand.logo.read_text() }}",
    "where": "{{ campaign.where('title').path.read_text() }}",
    "parallel": "{{ campaign.parallel.__class__ }}",
}


@pytest.mark.parametrize("payload", CAMPAIGN_PATHS.values(), ids=CAMPAIGN_PATHS.keys())
def test_templates_never_see_a_file_path(hostile: Hostile, payload: str) -> None:
    hostile.write("templates/leaflet.html", payload)
    message = refused(hostile, lambda: api.leaflet(hostile.folder, hostile.out / "f.pdf"))
    assert "leaflet.html:1" in message


def test_a_translated_phrase_is_never_a_format_string(hostile: Hostile) -> None:
    payload = "{{ t('{x.__init__.__globals__[os].environ[PRINTKIT_TEST_SECRET]}', x=t) }}"
    hostile.write("templates/letter.html", f"<p>{payload}</p>")
    api.letter(hostile.folder, hostile.out / "l.pdf")
    assert SECRET not in everything_written(hostile.out)
    assert "{x.__init__.__globals__" in everything_written(hostile.out)  # printed as written


def test_the_cli_shows_a_message_not_a_traceback(hostile: Hostile) -> None:
    hostile.write("templates/letter.html", ESCAPES["lipsum"])
    result = CliRunner().invoke(main, ["check", str(hostile.folder)])
    assert result.exit_code == 1
    assert "letter.html:1" in result.output and "'lipsum' is undefined" in result.output
    assert "Traceback" not in result.output
    assert not hostile.marker.exists()


# --- Links out of the folder ---------------------------------------------------------------


def _linked_template(hostile: Hostile) -> None:
    hostile.link("templates/letter.html", hostile.outside / "letter.html")


def _linked_include(hostile: Hostile) -> None:
    hostile.write("templates/letter.html", "{% include 'pw.html' %}")
    hostile.link("templates/pw.html", hostile.outside / "letter.html")


def _linked_templates_folder(hostile: Hostile) -> None:
    hostile.link("templates", hostile.outside / "templates")


def _linked_style(hostile: Hostile) -> None:
    hostile.link("styles/x.css", hostile.outside / "secret.css")


def _linked_styles_folder(hostile: Hostile) -> None:
    hostile.link("styles", hostile.outside / "styles")


def _linked_letter(hostile: Hostile) -> None:
    hostile.link("letter.md", hostile.outside / "secret.md")


def _linked_logo(hostile: Hostile) -> None:
    hostile.link("logo.svg", hostile.outside / "logo.svg")
    hostile.set_yaml("organisation:", "logo: logo.svg\norganisation:")


def _linked_picture(hostile: Hostile) -> None:
    hostile.link("baths.svg", hostile.outside / "logo.svg")
    hostile.set_yaml("organisation:", "image: {file: baths.svg, alt: The baths}\norganisation:")


def _linked_campaign_file(hostile: Hostile) -> None:
    hostile.link("campaign.yaml", hostile.outside / "campaign.yaml")


def _linked_image(hostile: Hostile) -> None:
    hostile.link("images/pic.svg", hostile.outside / "logo.svg")
    hostile.write("styles/a.css", "body { background: url(../images/pic.svg) }\n")


LINKS = {
    "template": _linked_template,
    "included template": _linked_include,
    "templates folder": _linked_templates_folder,
    "stylesheet": _linked_style,
    "styles folder": _linked_styles_folder,
    "letter": _linked_letter,
    "logo": _linked_logo,
    "picture": _linked_picture,
    "campaign file": _linked_campaign_file,
    "image in a stylesheet": _linked_image,
}


@pytest.mark.parametrize("plant", LINKS.values(), ids=LINKS.keys())
def test_links_out_of_the_folder_are_refused(hostile: Hostile, plant: Callable[..., None]) -> None:
    plant(hostile)
    for make in (
        lambda: api.letter(hostile.folder, hostile.out / "l.pdf"),
        lambda: api.leaflet(hostile.folder, hostile.out / "f.pdf"),
    ):
        message = refused(hostile, make)
        assert "outside the campaign folder" in message or "only files inside" in message


def test_a_linked_translation_is_refused(hostile: Hostile) -> None:
    hostile.link("campaign.cy.yaml", hostile.outside / "campaign.yaml")
    message = refused(hostile, lambda: api.letter(hostile.folder, hostile.out / "l.pdf",
                                                  api_look("cy")))  # fmt: skip
    assert "the translation 'campaign.cy.yaml' is a link to a file outside" in message


def test_a_linked_councillors_file_is_refused(hostile: Hostile) -> None:
    from printkit.lookup import fill

    hostile.link("councillors.csv", hostile.outside / "councillors.csv")
    (hostile.out / "s.csv").write_text("Name,Postcode\nJo,SY23 2DE\n")
    table = spreadsheet.read_table(hostile.out / "s.csv")
    message = refused(
        hostile,
        lambda: fill.fill_table(table, recipient="councillor", campaign_root=hostile.folder),
        DataError,
    )
    assert "the councillors file 'councillors.csv' is a link to a file outside" in message


def api_look(lang: str) -> object:
    from printkit.profiles import Look

    return Look(lang=lang)


# --- Paths in the keys that name files ------------------------------------------------------


@pytest.mark.parametrize("kind", ["relative", "absolute"])
@pytest.mark.parametrize(
    ("key", "old", "product"),
    [
        ("letter.text", "text: letter.md", "letter"),
        ("logo", "organisation:", "leaflet"),
        ("image.file", "organisation:", "poster"),
    ],
)
def test_paths_out_of_the_folder_are_refused(
    hostile: Hostile, key: str, old: str, product: str, kind: str
) -> None:
    name = "secret.md" if key == "letter.text" else "logo.svg"
    path = "../outside/" + name if kind == "relative" else str(hostile.outside / name)
    new = {
        "letter.text": f"text: {path}",
        "logo": f"logo: {path}\norganisation:",
        "image.file": f"image: {{file: {path}, alt: The baths}}\norganisation:",
    }[key]
    hostile.set_yaml(old, new)
    make = getattr(api, product)
    message = refused(hostile, lambda: make(hostile.folder, hostile.out / "x.pdf"))
    assert f"'{path}'" in message
    assert "campaign.yaml:" in message  # the line that names it
    assert ("is an absolute path" if kind == "absolute" else "is outside the campaign") in message
    assert f"'{path}'" in checked(hostile)


@pytest.mark.parametrize("kind", ["relative", "absolute"])
def test_a_translations_letter_path_is_refused(hostile: Hostile, kind: str) -> None:
    path = "../outside/secret.md" if kind == "relative" else str(hostile.outside / "secret.md")
    hostile.write(
        "campaign.cy.yaml",
        f"title: Achub y Baddonau\naction: {{text: Ysgrifennwch}}\nletter: {{text: {path}}}\n",
    )
    message = refused(hostile, lambda: api.letter(hostile.folder, hostile.out / "l.pdf",
                                                  api_look("cy")))  # fmt: skip
    assert "campaign.cy.yaml:3" in message and f"letter.text '{path}'" in message


# --- What styles and templates may fetch ----------------------------------------------------

FETCHES = {
    "@import up and out": ("styles/a.css", '@import url("../../outside/secret.css");'),
    "@import by absolute URL": ("styles/a.css", '@import url("file://OUTSIDE/secret.css");'),
    "background image": ("styles/a.css", "body { background: url(file://OUTSIDE/logo.svg) }"),
    "a font file": (
        "styles/a.css",
        "@font-face { font-family: X; src: url(OUTSIDE/logo.svg) } body { font-family: X }",
    ),
    "an image in a template": (
        "templates/letter.html",
        '{% extends "base.html" %}{% block body %}<img src="../outside/logo.svg">{% endblock %}',
    ),
    "a stylesheet in a template": (
        "templates/letter.html",
        '{% extends "base.html" %}{% block head %}'
        '<link rel="stylesheet" href="file://OUTSIDE/secret.css">{% endblock %}',
    ),
}


@pytest.mark.parametrize(("name", "text"), FETCHES.values(), ids=FETCHES.keys())
def test_styles_and_templates_fetch_nothing_outside(hostile: Hostile, name: str, text: str) -> None:
    hostile.write(name, text.replace("OUTSIDE", str(hostile.outside)))
    message = refused(hostile, lambda: api.letter(hostile.folder, hostile.out / "l.pdf"))
    assert "refused" in message and "only files inside the campaign folder" in message


INCLUDES = {
    "include up and out": "{% include '../outside/letter.html' %}",
    "include by absolute path": "{% include 'OUTSIDE/letter.html' %}",
    "include through templates/..": "{% include 'templates/../../outside/letter.html' %}",
    "extends up and out": "{% extends '../outside/letter.html' %}",
    "import by absolute path": "{% import 'OUTSIDE/letter.html' as x %}",
    "a missing file": "{% include 'no-such-part.html' %}",
}


@pytest.mark.parametrize("payload", INCLUDES.values(), ids=INCLUDES.keys())
def test_templates_include_nothing_outside(hostile: Hostile, payload: str) -> None:
    hostile.write("templates/letter.html", "\n" + payload.replace("OUTSIDE", str(hostile.outside)))
    message = refused(hostile, lambda: api.letter(hostile.folder, hostile.out / "l.pdf"))
    assert "letter.html:2" in message and "does not exist" in message


def test_a_refused_campaign_writes_nothing_at_all(hostile: Hostile) -> None:
    _linked_style(hostile)
    refused(hostile, lambda: api.build(hostile.folder, hostile.out), PrintkitError)
    assert list(hostile.out.iterdir()) == []
