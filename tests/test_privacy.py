"""Personal data: organisational contacts by default, warnings (or errors a council opts
into) for mobile numbers, personal email addresses and people's names."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from generator import cli
from generator.privacy import looks_like_name

ESTATE = "compacts/testshire/estates/oak-court.yml"
DISTRICT = "compacts/testshire/compacts/district.yml"


def check(root: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["check", "--root", str(root)])
    return code, capsys.readouterr().out.splitlines()


def configure(root: Path, privacy: str) -> None:
    (root / "site_config.yml").write_text(
        "site_name: Test\nplugins:\n  - compacts:\n      privacy:\n" +
        "".join(f"        {line}\n" for line in privacy.strip().splitlines()))


def add_contact(root: Path, contact: str) -> None:
    path = root / ESTATE
    path.write_text(path.read_text().replace("  meetings: First Monday of the month.\n",
                                             "  meetings: First Monday of the month.\n"
                                             f"  contact:\n{contact}"))


def test_a_mobile_number_is_a_warning(data_root, capsys):
    add_contact(data_root, "    phone: 07700 900 211\n")
    code, lines = check(data_root, capsys)
    assert code == 0
    assert any(line.startswith(f"{ESTATE}:9:12: warning: This looks like a personal mobile "
                               "number.") for line in lines)


def test_a_personal_email_address_is_a_warning(data_root, capsys):
    add_contact(data_root, "    email: jane.smith1970@gmail.com\n")
    code, lines = check(data_root, capsys)
    assert code == 0
    assert any(f"{ESTATE}:9:12: warning: This looks like a personal email address." in line
               for line in lines)


def test_names_in_fields_that_invite_them_are_warnings(data_root, capsys):
    path = data_root / DISTRICT
    path.write_text(path.read_text()
                    .replace("    role: landlord", "    role: landlord\n    signed_by: Jane Smith, Chair")
                    .replace("owner: Housing Manager", "owner: Cllr Bob Jones")
                    .replace("participants: [Federation, Council]", "participants: [Mary Brown]"))
    code, lines = check(data_root, capsys)
    assert code == 0
    named = [line for line in lines if "looks like a person's name" in line]
    assert len(named) == 3, lines


def test_a_council_can_make_personal_data_an_error(data_root, capsys):
    configure(data_root, "personal_data: error")
    add_contact(data_root, "    phone: 07700 900 211\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(line.startswith(f"{ESTATE}:9:12: error: This looks like a personal mobile")
               for line in lines)


def test_a_published_role_address_can_be_marked_as_intended(data_root, capsys):
    configure(data_root, "personal_data: error\npublished_contacts:\n  - oakcourt.chair@gmail.com\n"
              "  - 07700 900211")
    add_contact(data_root, "    email: oakcourt.chair@gmail.com\n    phone: 07700 900 211\n")
    code, lines = check(data_root, capsys)
    assert code == 0, lines
    assert not any("personal" in line for line in lines)


def test_a_redacted_name_still_in_the_data_is_an_error(data_root, capsys):
    configure(data_root, "redact:\n  - Jane Smith")
    path = data_root / DISTRICT
    path.write_text(path.read_text().replace("owner: Housing Manager", "owner: jane  smith"))
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("redaction list" in line for line in lines)


@pytest.mark.parametrize("text", ["Jane Smith", "Jane Smith, Chair", "Cllr J. Smith",
                                  "Councillor Priya Desai, Cabinet Member for Housing",
                                  "Abdi Hassan (Chair)"])
def test_names_are_recognised(text):
    assert looks_like_name(text)


@pytest.mark.parametrize("text", ["Chair", "Area Housing Manager (Central)", "Oak Court TRA",
                                  "Tenant Involvement Team", "Independent tenant adviser",
                                  "Greenfield Tenant Scrutiny Panel (6 tenants)",
                                  "Tenant Involvement Manager and the Federation committee"])
def test_roles_are_not_names(text):
    assert not looks_like_name(text)


def test_the_example_council_publishes_no_personal_data(capsys):
    code, lines = check(REPO, capsys)
    assert code == 0
    assert not any("personal-data" in line or "looks like" in line for line in lines), lines
