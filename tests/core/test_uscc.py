import random

import pytest

from gaoxin.core import uscc


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("91110000600037341L", "91110000600037341L"),  # domain-rules §11, verified
        ("91110108551385082Q", "91110108551385082Q"),
        ("91110000600037341l", "91110000600037341L"),  # lower case
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),  # full width
        (" 9111 0000 6000-37341L ", "91110000600037341L"),  # spaces and dashes
    ],
)
def test_valid_codes_are_normalised_and_accepted(raw, code):
    result = uscc.check(raw)
    assert result.ok
    assert result.code == code
    assert result.warnings == []
    assert result.region_code == code[2:8]


def test_wrong_check_character_names_the_expected_one():
    result = uscc.check("91110000600037341M")
    assert not result.ok
    assert result.error == "校验位错误：最后一位应为 L，而不是 M。"


def test_wrong_length():
    assert uscc.check("9111000060003734").error == "统一社会信用代码应为18位，当前为16位。"


def test_forbidden_letters_are_named():
    result = uscc.check("91110000600037341I")
    assert "I" in result.error
    assert not result.ok


def test_region_part_must_be_digits():
    assert not uscc.check("9111A000600037341L").ok


def test_pilot_region_checksum_failure_only_warns():
    # A Xiamen (3502xx) code with a failing check character: legal pilot format, warning only.
    first17 = "91350200M000XXXX" + "1"
    wrong = "0" if uscc.check_character(first17) != "0" else "1"
    result = uscc.check(first17 + wrong)
    assert result.ok
    assert len(result.warnings) == 1
    assert "福建" in result.warnings[0] or "试点" in result.warnings[0]


def test_generated_codes_are_valid():
    rng = random.Random(1)
    codes = {uscc.generate(rng, "421303") for _ in range(500)}
    assert len(codes) == 500
    assert all(uscc.check(code).ok and code[2:8] == "421303" for code in codes)


def test_weights_are_powers_of_three_mod_31():
    assert uscc.WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def code_with(authority: str, category: str) -> str:
    """A code whose check character is right, so only positions 1-2 can be wrong."""
    first17 = f"{authority}{category}110000600037341"
    return first17 + uscc.check_character(first17)


@pytest.mark.parametrize(
    ("authority", "category"),
    [
        ("9", "1"),
        ("9", "2"),
        ("9", "3"),
        ("1", "1"),
        ("1", "9"),
        ("5", "1"),
        ("5", "3"),
        ("5", "9"),
        ("Y", "1"),
    ],
)
def test_the_verified_authority_and_category_pairs_pass(authority, category):
    result = uscc.check(code_with(authority, category))
    assert result.ok
    assert result.warnings == []


@pytest.mark.parametrize(
    ("authority", "category", "error"),
    [
        ("9", "7", "登记管理部门代码为9时，第2位机构类别只能是1、2、3，而不是7。"),
        ("9", "4", "登记管理部门代码为9时，第2位机构类别只能是1、2、3，而不是4。"),
        ("1", "4", "登记管理部门代码为1时，第2位机构类别只能是1、2、3、9，而不是4。"),
        ("B", "1", "第1位B不是登记管理部门代码（1、5、9、Y等）。"),
        ("0", "1", "第1位0不是登记管理部门代码（1、5、9、Y等）。"),
    ],
)
def test_an_authority_or_category_outside_gb_32100_is_refused(authority, category, error):
    assert uscc.check(code_with(authority, category)).error == error


def test_an_authority_known_only_from_memory_passes_with_a_warning():
    result = uscc.check(code_with("N", "2"))
    assert result.ok
    assert result.warnings == ["登记管理部门代码N不在已核实的代码表中，请核对。"]


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u200d", "\u2060", "\u00ad"])
def test_invisible_characters_are_removed_before_the_length_check(invisible):
    result = uscc.check(invisible + "91110000600037341L")
    assert result.ok
    assert result.code == "91110000600037341L"
