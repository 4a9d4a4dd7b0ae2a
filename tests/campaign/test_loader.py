"""Loading campaign.yaml: the example, defaults, and every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from printkit import api, campaign
from printkit.errors import CampaignError
from printkit.products import registry

SEED = Path(__file__).parents[1] / "data" / "write-to-your-mp.txt"


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CampaignError) as caught:
        campaign.load(folder, registry.NAMES)
    return [str(p) for p in caught.value.problems]


def test_example_campaign_reproduces_the_published_page(example: Path) -> None:
    loaded = campaign.load(example)
    # The published page has no-break spaces; the YAML uses plain ones, easier to edit.
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    assert loaded.title == "Write to your MP"
    assert seed.startswith(loaded.title)
    assert loaded.hashtag == "#EndStopAndScan"
    assert loaded.action.url == "https://www.writetothem.com"
    assert loaded.summary.strip() in seed
    for step in loaded.action.steps:
        assert step in seed
    assert loaded.more is not None and "Supporter Toolkit" in loaded.more.text
    assert loaded.more.text in seed
    assert loaded.letter.to == "mp" and loaded.letter.window == "dl"
    assert loaded.letter.recipient_address == ("House of Commons", "LONDON", "SW1A 0AA")


def test_example_letter_is_the_template_letter_verbatim_plus_an_own_words_box(
    example: Path,
) -> None:
    letter = campaign.load(example).letter.text
    seed = SEED.read_text(encoding="utf-8")
    published = seed[
        seed.index("Dear [MP name],") : seed.index("[Your name].") + len("[Your name].")
    ]
    own_words = "[In your own words: why does this matter to you?]\n\n"
    assert own_words in letter
    flatten = lambda text: [" ".join(line.split()) for line in text.splitlines() if line.strip()]  # noqa: E731
    assert flatten(letter.replace(own_words, "")) == flatten(published)


def test_defaults_fill_what_is_left_out(make_campaign) -> None:
    folder = make_campaign(
        "title: Save Our Buses!\nletter: {text: letter.md}\n", "Dear [MP name],\n"
    )
    loaded = campaign.load(folder)
    assert loaded.slug == "save-our-buses"
    assert loaded.language == "en-GB"
    assert api.outputs(loaded) == registry.BUILT_BY_DEFAULT
    assert loaded.letter.window == "dl"


def test_the_yaml_file_itself_can_be_given(make_campaign) -> None:
    folder = make_campaign("title: T\nletter: {text: letter.md}\n", "Hello\n")
    assert campaign.load(folder / "campaign.yaml").title == "T"


def test_inline_letter_text(make_campaign) -> None:
    folder = make_campaign("title: T\nletter:\n  text: |\n    Dear [MP name],\n\n    Please act.\n")
    assert "Please act." in campaign.load(folder).letter.text


def test_every_problem_is_reported_at_once_with_its_line(make_campaign) -> None:
    folder = make_campaign(
        """\
        title: [not, text]
        titel: Oops
        language: english
        organisation:
          email: not-an-email
        letter:
          to: mayor
          text: missing.md
        outputs: [letter, flyer]
        """
    )
    found = problems_of(folder)
    assert len(found) == 7
    joined = "\n".join(found)
    assert "campaign.yaml:1:8: title must be text, not a list" in joined
    assert "campaign.yaml:2:1: unknown key 'titel' (did you mean 'title'?)" in joined
    assert "campaign.yaml:3:11: language: 'english' is not a language tag" in joined
    assert (
        "campaign.yaml:5:10: organisation.email: 'not-an-email' is not an email address" in joined
    )
    assert (
        "campaign.yaml:7:7: letter.to must be one of mp | councillor | other, not 'mayor'" in joined
    )
    assert "campaign.yaml:8:9: the letter file 'missing.md' does not exist" in joined
    assert "campaign.yaml:9:10: outputs: unknown output 'flyer'" in joined


def test_yaml_syntax_error_names_file_line_and_column(make_campaign) -> None:
    folder = make_campaign('title: "unclosed\nletter:\n  text: letter.md\n')
    (message,) = problems_of(folder)
    assert "campaign.yaml:4:1: YAML syntax error" in message
    assert "quotes" in message


def test_empty_campaign_file(make_campaign) -> None:
    (message,) = problems_of(make_campaign(""))
    assert "campaign.yaml:1: the campaign file is empty" in message


def test_empty_letter_file(make_campaign) -> None:
    (message,) = problems_of(make_campaign("title: T\nletter: {text: letter.md}\n", "  \n"))
    assert "letter.md:1: the letter file is empty" in message


def test_missing_required_keys(make_campaign) -> None:
    found = problems_of(make_campaign("hashtag: '#x'\n"))
    assert any("missing required key 'title'" in p for p in found)
    assert any("missing required key 'letter'" in p for p in found)


def test_councillor_letter_needs_an_address(make_campaign) -> None:
    folder = make_campaign(
        "title: T\nletter:\n  to: councillor\n  text: letter.md\n", "Dear [Cllr],\n"
    )
    (message,) = problems_of(folder)
    assert (
        "campaign.yaml:3:3: letter.recipient_address is needed for a letter to councillor"
        in message
    )


def test_bad_web_address(make_campaign) -> None:
    folder = make_campaign(
        "title: T\naction: {url: writetothem.com}\nletter: {text: letter.md}\n", "x\n"
    )
    (message,) = problems_of(folder)
    assert "campaign.yaml:2:15: action.url: 'writetothem.com' is not a web address" in message


def test_no_campaign_here(tmp_path: Path) -> None:
    (message,) = problems_of(tmp_path / "nowhere")
    assert "no campaign found" in message and "printkit init" in message


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Write to your MP", "write-to-your-mp"),
        ("  Save Elm Road Library!  ", "save-elm-road-library"),
        ("£££", "campaign"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert campaign.slugify(title) == slug
