"""Translations, right-to-left pages, bilingual Welsh and English, tags, and missing glyphs."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import PdfView

from printkit import api, languages
from printkit.errors import CampaignError
from printkit.profiles import Look
from printkit.resources import example_campaign

TRANSLATIONS = Path(__file__).parent / "data" / "translations"
PRODUCTS = ("letter", "leaflet", "signup", "poster")


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example campaign with its Welsh and Arabic translations beside it."""
    folder = tmp_path_factory.mktemp("translated") / "campaign"
    shutil.copytree(example_campaign(), folder)
    for path in TRANSLATIONS.iterdir():
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def built(translated: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every product in English, Welsh and Arabic: language -> folder."""
    out = {}
    for lang in ("en", "cy", "ar"):
        out[lang] = tmp_path_factory.mktemp(f"built-{lang}")
        api.build(translated, out[lang], Look(lang=lang))
    return out


def catalog(data: bytes) -> pypdf.generic.DictionaryObject:
    return pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]


@pytest.mark.parametrize("lang", ["en", "cy", "ar"])
@pytest.mark.parametrize("product", PRODUCTS)
def test_every_product_in_every_language_is_tagged_with_title_and_language(
    built: dict[str, Path], lang: str, product: str
) -> None:
    (path,) = built[lang].glob(f"*-{product}.pdf")
    root = catalog(path.read_bytes())
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert languages.same(str(root["/Lang"]), lang)
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None and reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_translations_print_their_own_words(built: dict[str, Path], read_pdf) -> None:
    welsh = read_pdf(next(built["cy"].glob("*-leaflet.pdf"))).flat_text()
    assert "Ysgrifennwch at eich AS" in welsh and "Beth allwch chi ei wneud" in welsh
    assert "What you can do" not in welsh
    letter = read_pdf(next(built["cy"].glob("*-letter.pdf"))).flat_text()
    assert "Annwyl" in letter and "Eich enw" in letter and "House of Commons" in letter


def test_arabic_leaflet_reads_right_to_left(built: dict[str, Path]) -> None:
    data = next(built["ar"].glob("*-leaflet.pdf")).read_bytes()
    root = catalog(data)
    assert root["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert root["/Lang"] == "ar"
    first = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split()
    assert first[0] == "اكتب"  # logical order: the title's first word comes first
    view = PdfView(data)
    page = view.pages[0]
    copy = page.width / 2  # the right-hand copy of the two on the sheet
    title = [c for c in page.chars if c["x0"] > copy and c["size"] > 20]
    assert max(c["x1"] for c in title) > page.width - 25 * 72 / 25.4  # set against the right


def test_hashtags_and_web_addresses_stay_left_to_right(built: dict[str, Path]) -> None:
    view = PdfView(next(built["ar"].glob("*-leaflet.pdf")).read_bytes())
    for page in view.pages:
        chars = page.chars
        for char in chars:
            if char["text"] == "#":
                after = [c for c in chars if c["text"] == "E" and abs(c["top"] - char["top"]) < 2]
                nearest = min(after, key=lambda c: abs(c["x0"] - char["x1"]))
                assert nearest["x0"] >= char["x0"], "the # must stand left of the tag"
    assert (
        languages.isolate_ltr("اذهب إلى writetothem.com") == "اذهب إلى \u2066writetothem.com\u2069"
    )


def test_bilingual_leaflet_puts_welsh_first_side_by_side(translated: Path, tmp_path: Path) -> None:
    api.leaflet(translated, tmp_path / "both.pdf", look=Look(lang="cy+en"))
    view = PdfView((tmp_path / "both.pdf").read_bytes())
    welsh, english = view.find("Ysgrifennwch"), view.find("Write to")  # the titles' first lines
    assert welsh["x1"] < english["x0"] and abs(welsh["top"] - english["top"]) < 15
    assert catalog(view.data)["/Lang"] == "cy"


def test_bilingual_signup_gives_each_language_its_own_line(
    translated: Path, tmp_path: Path
) -> None:
    api.signup(translated, tmp_path / "both.pdf", look=Look(lang="cy+en"))
    view = PdfView((tmp_path / "both.pdf").read_bytes())
    welsh, english = view.find("Enw"), view.find("Name")
    assert welsh["bottom"] <= english["top"] + 0.5  # Welsh above English, never in one line
    assert "Cofrestrwch" in view.text() and "Sign up" in view.text()


def test_a_letter_is_in_one_language(translated: Path, tmp_path: Path) -> None:
    with pytest.raises(CampaignError, match="one language at a time"):
        api.letter(translated, tmp_path / "x.pdf", look=Look(lang="cy+en"))


def test_unknown_language_names_the_ones_there_are(translated: Path, tmp_path: Path) -> None:
    with pytest.raises(CampaignError) as caught:
        api.leaflet(translated, tmp_path / "x.pdf", look=Look(lang="fr"))
    message = str(caught.value.problems[0])
    assert "campaign.fr.yaml" in message and "ar" in message and "cy" in message


def test_a_translation_missing_a_text_is_an_error(translated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "partial"
    shutil.copytree(translated, folder)
    text = (folder / "campaign.cy.yaml").read_text(encoding="utf-8")
    (folder / "campaign.cy.yaml").write_text(text.split("more:")[0], encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        api.leaflet(folder, tmp_path / "x.pdf", look=Look(lang="cy"))
    messages = [str(p) for p in caught.value.problems]
    assert any("campaign.cy.yaml" in m and "more.text" in m for m in messages), messages


def test_pdf_ua_variant_declares_itself(translated: Path, tmp_path: Path) -> None:
    api.poster(translated, tmp_path / "ua.pdf", look=Look(lang="ar", pdf_variant="pdf/ua-1"))
    reader = pypdf.PdfReader(tmp_path / "ua.pdf")
    metadata = reader.trailer["/Root"]["/Metadata"].get_data()
    assert b"pdfuaid:part" in metadata and b"1" in metadata
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_bengali_and_gurmukhi_use_the_bundled_fonts(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign(
        "title: আপনার এমপিকে লিখুন\nlanguage: bn\nsummary: ਆਪਣੇ ਐਮਪੀ ਨੂੰ ਲਿਖੋ\n"
        "letter: {text: letter.md}\n",
        "প্রিয় [MP name],\n\nধন্যবাদ।\n",
    )
    outcome = api.leaflet(folder, tmp_path / "bn.pdf")
    assert not [w for w in map(str, outcome.warnings) if "no font" in w]
    fonts = {
        c["fontname"].split("+")[-1]
        for c in PdfView((tmp_path / "bn.pdf").read_bytes()).pages[0].chars
    }
    assert any("Bengali" in f for f in fonts) and any("Gurmukhi" in f for f in fonts), fonts


NO_FONT = "\U00013000"  # an Egyptian hieroglyph: no bundled or usual system font has it


def test_a_name_no_font_can_draw_rejects_its_row(tmp_path: Path) -> None:
    data = tmp_path / "supporters.csv"
    data.write_text(
        "Your name,Address 1,Town,Postcode,MP name\n"
        "Jo Bloggs,1 High St,Leeds,LS1 1AA,Ann Other\n"
        f"Ra {NO_FONT},2 High St,Leeds,LS1 1AA,Ann Other\n",
        encoding="utf-8",
    )
    outcome = api.letters(None, api.LetterRun(data, tmp_path / "out.pdf", jobs=1))
    assert outcome.summary.startswith("1 letter, 1 row rejected (1 value no font can draw")
    with (tmp_path / "out-rejects.csv").open(encoding="utf-8-sig", newline="") as stream:
        (reject,) = list(csv.DictReader(stream))
    assert reject["row"] == "3" and reject["reason"].startswith("column 'Your name': no font")
    assert "U+13000" in reject["reason"] and "apt install fonts-noto" in reject["reason"]


def test_a_campaign_character_no_font_can_draw_names_file_and_line(make_campaign, tmp_path) -> None:
    folder = make_campaign(
        f"title: Save the {NO_FONT} museum\nletter: {{text: letter.md}}\n", "Hi.\n"
    )
    with pytest.raises(CampaignError) as caught:
        api.poster(folder, tmp_path / "p.pdf")
    messages = [str(p) for p in caught.value.problems]
    assert any("campaign.yaml:1:8: poster (A4): no font can draw '𓀀'" in m for m in messages)
    assert any("apt install fonts-noto-core" in m for m in messages)
    assert not (tmp_path / "p.pdf").exists()
