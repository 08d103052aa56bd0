"""The magic-wand simulator widget, driven without a browser: set values, click, read back."""

import json

import pytest

from toolkit.magic_wand import MagicWandSimulator


# ---- MagicWandSimulator ----------------------------------------------------------------
def test_simulator_buttons_and_sliders_update_the_answer(answer_path):
    """Do scenario buttons set the sliders and the readout say when revenue comes?"""
    path = answer_path("my-magic-wand.json")
    sim = MagicWandSimulator(path=path)
    sim.buttons["pull the plug at month 6"].click()
    assert sim.plug_month.value == 6 and sim.effort.value == pytest.approx(0.8)
    assert "first revenue comes in month <b>8</b>" in sim.readout.value
    assert "two weeks after the visit: <b>0 k$</b>" in sim.readout.value
    sim.sales_cycle.value = 10
    assert "month <b>12</b>" in sim.readout.value
    assert json.loads(path.read_text())["data"]["scenario"]["sales_cycle"] == 10


def test_simulator_checks_guesses_and_keeps_them(answer_path):
    """Is a guess checked, bad text answered inline, and the guesses kept after a restart?"""
    path = answer_path("my-magic-wand.json")
    sim = MagicWandSimulator(path=path)
    sim.sales_cycle.value = 3
    sim.guess.value = "next week"
    sim.check_button.click()
    assert "whole number" in sim.verdict.value
    sim.guess.value = "2"
    sim.check_button.click()
    assert "later than month 2" in sim.verdict.value
    assert sim.check_guess("5") is True
    again = MagicWandSimulator(path=path)
    assert again.sales_cycle.value == 3
    assert [g["guess"] for g in again.guesses] == [2, 5]
