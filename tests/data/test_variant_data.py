"""Each student's variant data: the same numbers, to the byte, whatever makes them faster.

A variant is graded against the data it was made with, so a change to the generator or to how
the toolkit reads a variant must leave every table exactly as it was: the same values, the same
column types, the same CSV text.
"""

import hashlib

import pandas as pd
import pytest

from instructor.keys import reading_the_indicators as plan
from toolkit.indicators import variants

# sha256 (first 16 hex digits) of each variant's panel and survey: their CSV text (as
# write_data writes it) and their column types; variant 0 (practice) first
DIGESTS = (
    "1c7b1ccf933c01f2", "e57335ac65731fca", "b56f7807fd04d6bd", "2530bd5837d58584",
    "1fdda774d082d5e8", "8b4d8fa45a40c2ee", "a47b3c5e6b2298bc", "7d13fb36fd154958",
    "3243244d4aa3354c", "e3c1ec7605cc45e4", "0ac353a5d8ad50ce", "13bbae3884e7ce27",
    "8b10132d713aff0f", "eefa318b66f280fc", "e1d89dfbcff4242d", "a6b5a57e095f7010",
    "f5749df009dd8532", "15e213881b57473a", "c5e7534df91aa81a", "79ab23f6666ba7c5",
    "c20f5f48122fef7f", "88c4a6e643cfc764", "999bd096cbf4955d", "4e34082a164ccea2",
    "8a577170a43fe441", "e4342c4b76c1a2c2", "25dc0e7e0e0c4d3d", "e12c651cf9232021",
    "74fb212ca6ee0d64", "d1398e4d29bbba5e", "7ef968e70576d25c", "e94dfd5ed165e831",
    "9f55335fa1c39301", "a406e50a91e15e1b", "3d70b5861b2dde57", "c2956dfcc8b44982",
    "68abff2eda8fb5f5", "0ec9358fe0106c11", "ab4aa2276f426605", "358d7d163d1764e6",
    "1bfae25d45d87b2e",
)  # fmt: skip


def digest(panel: pd.DataFrame, survey: pd.DataFrame) -> str:
    h = hashlib.sha256()
    for table in (panel, survey):
        h.update(table.to_csv(index=False, lineterminator="\n").encode())
        h.update(repr(table.dtypes.to_dict()).encode())
    return h.hexdigest()[:16]


def test_every_variant_is_generated_as_it_always_was():
    """Does the generator make every variant's panel and survey exactly as before?"""
    assert len(DIGESTS) == plan.COUNT + 1
    made = [digest(*plan.generate(number)) for number in range(plan.COUNT + 1)]
    changed = [n for n, (new, old) in enumerate(zip(made, DIGESTS, strict=True)) if new != old]
    assert not changed, f"variants whose data changed: {changed}"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variant-data")
    plan.write_data(folder)
    return folder


@pytest.mark.parametrize("number", [0, 12, 31])
def test_the_files_read_back_to_the_generated_tables(written, number):
    """Does a kernel read from the data files exactly the tables the generator made?"""
    read = variants.read_tables(written, number)
    assert digest(*read) == DIGESTS[number]
    for got, made in zip(read, plan.generate(number), strict=True):
        pd.testing.assert_frame_equal(got, made, check_exact=True)
