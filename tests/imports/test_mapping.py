"""What a BPMN model becomes (issue 11, item 3): pools, lanes, tasks, gateways and events → processes, units,
steps and `next`; and what is reported as approximated or not mapped, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.imports.mapping import is_applicant
from tests.imports.bpmnfiles import SIMPLE, definitions, read_yaml, steps_by_name, targets

FIXTURE = Path(__file__).parent / "fixtures" / "omgevingsvergunning.bpmn"


def notes_of(result) -> list[tuple[int, bool, str]]:
    return [
        (note.line, note.approximated, note.text)
        for file in result.files
        for note in (*file.notes, *(note for process in file.written for note in process.notes))
    ]


@pytest.fixture
def permit(import_files):
    result, root = import_files({"omgevingsvergunning.bpmn": FIXTURE.read_bytes()})
    return result, root, read_yaml(root / "processes/omgevingsvergunning-behandelen.yaml")


def test_a_pool_of_the_organisation_is_a_process_the_black_box_applicant_is_the_citizen(permit) -> None:
    result, root, data = permit
    (file,) = result.files
    assert file.citizen_pools == ("Aanvrager",)
    assert [process.path for process in file.written] == [
        "processes/omgevingsvergunning-behandelen.yaml",  # the process's name, not the pool's
        "processes/brandweer.yaml",  # a partner's pool with a task of its own: a process too
    ]
    assert data["name"] == "Omgevingsvergunning behandelen"
    assert [step["name"] for step in data["steps"]] == [
        "Aanvraag registreren",  # the start first (a tool's line break in a name is a space)
        "Volledigheid controleren",
        "Aanvulling vragen",
        "Advies vragen aan de brandweer",
        "Aanvraag beoordelen",
        "Dossier archiveren",
        "Aanvraag geweigerd",
        "Besluit versturen",
    ]


def test_leaf_lanes_are_units_nested_ones_win_an_unnamed_one_is_named_after_its_parent(permit) -> None:
    result, root, data = permit
    units = {step["name"]: step["unit"] for step in data["steps"]}
    assert units["Aanvraag registreren"] == "omgevingsloket"
    assert units["Volledigheid controleren"] == "vergunningen"  # listed by Dienst Omgeving and by its Vergunningen
    assert units["Dossier archiveren"] == "dienst-omgeving-2"
    added = read_yaml(root / "catalog/organisation.yaml")["units"][3:]
    assert added == [
        {"id": "omgevingsloket", "name": "Omgevingsloket", "office": "front"},  # each of its steps meets the citizen
        {"id": "vergunningen", "name": "Vergunningen", "office": "back"},
        {"id": "dienst-omgeving-2", "name": "Dienst Omgeving 2", "office": "back"},
        {"id": "brandweer", "name": "Brandweer", "office": "back"},
    ]
    assert [unit.id for unit in result.new_units] == [unit["id"] for unit in added]


def test_gateways_fold_into_next_with_whens_and_the_gateway_name_as_decision(permit) -> None:
    _, _, data = permit
    steps = steps_by_name(data)
    assert steps["Volledigheid controleren"]["decision"] == "Is de aanvraag volledig?"
    # a flow's name wins over its condition; the default flow keeps its name
    assert targets(data, "Volledigheid controleren") == [
        ("Aanvulling vragen", "nee"),
        ("Advies vragen aan de brandweer", "ja"),
    ]
    # the joining gateway before "Volledigheid controleren" disappears: both ways in lead straight to the step
    assert targets(data, "Aanvraag registreren") == [("Volledigheid controleren", None)]
    assert targets(data, "Aanvulling vragen") == [("Volledigheid controleren", None)]  # through the message event
    assert steps["Aanvraag beoordelen"]["decision"] == "Vergunning verlenen?"
    assert targets(data, "Aanvraag beoordelen") == [
        ("Dossier archiveren", "${verlenen}"),  # no name: the condition
        ("Aanvraag geweigerd", "weigeren"),  # an end event beside other branches: an end step of its own
        ("Besluit versturen", "Termijn van 8 weken verstreken"),  # the boundary timer: a branch named after it
    ]
    assert targets(data, "Aanvraag geweigerd") == [] and targets(data, "Besluit versturen") == []


def test_message_flows_with_the_citizen_make_steps_front_office(permit) -> None:
    _, _, data = permit
    offices = {step["name"]: step.get("office") for step in data["steps"]}
    assert offices["Aanvraag registreren"] is None  # the message start: omgevingsloket is front office
    assert offices["Aanvulling vragen"] is None  # sends the question
    assert offices["Besluit versturen"] is None  # its end event sends the decision
    assert offices["Volledigheid controleren"] == "front"  # gets the supplement back, in a back-office unit
    assert offices["Aanvraag beoordelen"] is None  # back office, as its unit


def test_what_was_approximated_or_left_out_is_reported_at_its_line_and_in_the_header(permit) -> None:
    result, root, _ = permit
    assert notes_of(result) == [
        (51, True, "a lane without a name: its steps are done by 'Dienst Omgeving 2'"),
        (65, True, "message event 'Aanvulling ontvangen' folded into the flow between its steps"),
        (
            70,
            True,
            "boundary timer event 'Termijn van 8 weken verstreken' on 'Aanvraag beoordelen': a branch of the step,"
            " when 'Termijn van 8 weken verstreken'",
        ),
        (74, True, "end event 'Aanvraag geweigerd' ends one branch of several: it is an end step"),
        (18, False, "message flow 'Adviesvraag' with pool 'Brandweer': a handoff between two processes"),
        (99, False, "data object 'Aanvraagformulier' not mapped"),
        (101, False, "text annotation not mapped"),
        (105, True, "no lanes: every step is done by 'Brandweer'"),
        (18, False, "message flow 'Adviesvraag' with pool 'Gemeente Voorbeeld': a handoff between two processes"),
    ]
    header = (root / "processes/omgevingsvergunning-behandelen.yaml").read_text(encoding="utf-8").splitlines()[:4]
    assert header == [
        "# yaml-language-server: $schema=../schemas/process.schema.json",
        "# Imported by `svcmap import bpmn` from "
        f"{result.files[0].name} (written by handwritten 1), pool 'Gemeente Voorbeeld'.",
        "# Approximated:",
        "#   line 51: a lane without a name: its steps are done by 'Dienst Omgeving 2'",
    ]


@pytest.mark.parametrize("prefix", ["bpmn", "bpmn2", "semantic", "model", ""])
def test_the_prefix_does_not_matter_only_the_namespace(import_files, prefix: str) -> None:
    result, root = import_files({"melding.bpmn": definitions(SIMPLE, prefix=prefix)})
    data = read_yaml(root / "processes/melding-behandelen.yaml")
    assert targets(data, "Melding registreren") == [("Melding afhandelen", None)]
    assert [step["unit"] for step in data["steps"]] == ["melding-behandelen"] * 2  # no lanes: the process's name


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "UTF-16", "UTF-8"])
def test_the_declared_encoding_is_read(import_files, encoding: str) -> None:
    name = "Retributie € 25 betalen" if encoding != "ISO-8859-1" else "Dossier naar de schepen (Ærø)"
    body = SIMPLE.replace("Melding afhandelen", name).replace("Melding behandelen", "Café-terras aanvragen")
    result, root = import_files({"terras.bpmn": definitions(body, encoding=encoding)})
    data = read_yaml(root / "processes/cafe-terras-aanvragen.yaml")
    assert data["name"] == "Café-terras aanvragen"
    assert data["steps"][1]["name"] == name


GATEWAYS = """
    <bpmn:process id="P" name="Premie">
      <bpmn:startEvent id="S"/>
      <bpmn:task id="A" name="Aanvraag nakijken"/>
      <bpmn:exclusiveGateway id="X" name="Aanvraag nakijken?"/>
      <bpmn:task id="B" name="Premie uitbetalen"/>
      <bpmn:task id="C" name="Weigering sturen"/>
      <bpmn:parallelGateway id="Split"/>
      <bpmn:task id="D" name="Boekhouding inlichten"/>
      <bpmn:task id="E" name="Aanvrager inlichten"/>
      <bpmn:parallelGateway id="Join"/>
      <bpmn:inclusiveGateway id="Or" name="Welke controles?"/>
      <bpmn:task id="F" name="Afsluiten"/>
      <bpmn:endEvent id="End"/>
      <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
      <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="X"/>
      <bpmn:sequenceFlow id="f3" sourceRef="X" targetRef="B"/>
      <bpmn:sequenceFlow id="f4" sourceRef="X" targetRef="C"/>
      <bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="Split"/>
      <bpmn:sequenceFlow id="f6" name="altijd" sourceRef="Split" targetRef="D"/>
      <bpmn:sequenceFlow id="f7" sourceRef="Split" targetRef="E"/>
      <bpmn:sequenceFlow id="f8" sourceRef="D" targetRef="Join"/>
      <bpmn:sequenceFlow id="f9" sourceRef="E" targetRef="Join"/>
      <bpmn:sequenceFlow id="f10" sourceRef="Join" targetRef="F"/>
      <bpmn:sequenceFlow id="f11" sourceRef="C" targetRef="Or"/>
      <bpmn:sequenceFlow id="f12" name="bedrag" sourceRef="Or" targetRef="F"/>
      <bpmn:sequenceFlow id="f13" name="termijn" sourceRef="Or" targetRef="End"/>
      <bpmn:sequenceFlow id="f14" sourceRef="F" targetRef="End"/>
    </bpmn:process>
    """


def test_splits_and_joins(import_files) -> None:
    result, root = import_files({"premie.bpmn": definitions(GATEWAYS)})
    data = read_yaml(root / "processes/premie.yaml")
    steps = steps_by_name(data)
    # unlabelled branches of a decision are named after where they lead; a gateway that only asks the
    # step's own name as a question (as bpmnlint makes modellers name it) is no decision
    assert targets(data, "Aanvraag nakijken") == [
        ("Premie uitbetalen", "Premie uitbetalen"),
        ("Weigering sturen", "Weigering sturen"),
    ]
    assert "decision" not in steps["Aanvraag nakijken"]
    # a parallel split is a plain list (its branch labels dropped), its join disappears
    assert steps["Premie uitbetalen"]["next"] == [
        steps["Boekhouding inlichten"]["id"],
        steps["Aanvrager inlichten"]["id"],
    ]
    assert targets(data, "Boekhouding inlichten") == [("Afsluiten", None)]
    # an inclusive gateway is read as a decision; its branch to the end is an end step
    assert steps["Weigering sturen"]["decision"] == "Welke controles?"
    assert targets(data, "Weigering sturen") == [("Afsluiten", "bedrag"), ("End", "termijn")]
    assert {text for _, _, text in notes_of(result)} >= {
        "the branches of gateway 'Aanvraag nakijken?' have no label: each is named after where it leads",
        "labels on the branches of parallel gateway Split dropped: every branch is taken",
        "inclusive gateway 'Welke controles?' read as a decision: svcmap follows one of its branches",
        "end event ends one branch of several: it is an end step",
    }


EVENTS = """
    <bpmn:process id="P" name="Huwelijk">
      <bpmn:startEvent id="S1" name="Aangifte aan de balie"/>
      <bpmn:startEvent id="S2" name="Aangifte via het e-loket"><bpmn:messageEventDefinition/></bpmn:startEvent>
      <bpmn:task id="A" name="Aangifte registreren"/>
      <bpmn:eventBasedGateway id="Wait"/>
      <bpmn:intermediateCatchEvent id="Doc" name="Documenten ontvangen">
        <bpmn:messageEventDefinition/>
      </bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Late" name="Na 14 dagen">
        <bpmn:timerEventDefinition/>
      </bpmn:intermediateCatchEvent>
      <bpmn:subProcess id="Sub" name="Dossier samenstellen">
        <bpmn:startEvent id="Sub_s"/><bpmn:task id="Sub_t" name="Akten opvragen"/><bpmn:endEvent id="Sub_e"/>
      </bpmn:subProcess>
      <bpmn:callActivity id="Call" name="Herinnering sturen" calledElement="Herinnering"/>
      <bpmn:userTask id="U"/>
      <bpmn:endEvent id="E"/>
      <bpmn:subProcess id="Ev" triggeredByEvent="true" name="Annulatie"/>
      <bpmn:sequenceFlow id="f1" sourceRef="S1" targetRef="A"/>
      <bpmn:sequenceFlow id="f2" sourceRef="S2" targetRef="A"/>
      <bpmn:sequenceFlow id="f3" sourceRef="A" targetRef="Wait"/>
      <bpmn:sequenceFlow id="f4" sourceRef="Wait" targetRef="Doc"/>
      <bpmn:sequenceFlow id="f5" sourceRef="Wait" targetRef="Late"/>
      <bpmn:sequenceFlow id="f6" sourceRef="Doc" targetRef="Sub"/>
      <bpmn:sequenceFlow id="f7" sourceRef="Late" targetRef="Call"/>
      <bpmn:sequenceFlow id="f8" sourceRef="Call" targetRef="Wait"/>
      <bpmn:sequenceFlow id="f9" sourceRef="Sub" targetRef="U"/>
      <bpmn:sequenceFlow id="f10" sourceRef="U" targetRef="E"/>
    </bpmn:process>
    """


def test_events_sub_processes_and_call_activities(import_files) -> None:
    result, root = import_files({"huwelijk.bpmn": definitions(EVENTS)})
    data = read_yaml(root / "processes/huwelijk.yaml")
    names = [step["name"] for step in data["steps"]]
    assert names == ["Start", "Aangifte registreren", "Dossier samenstellen", "Herinnering sturen", "U"]
    # two start events: a start step whose branches are the ways in, named after the events
    assert targets(data, "Start") == [("Aangifte registreren", "Aangifte aan de balie / Aangifte via het e-loket")]
    # after an event-based gateway the event that happens names the branch
    assert targets(data, "Aangifte registreren") == [
        ("Dossier samenstellen", "Documenten ontvangen"),
        ("Herinnering sturen", "Na 14 dagen"),
    ]
    assert targets(data, "Herinnering sturen") == [
        ("Dossier samenstellen", "Documenten ontvangen"),  # back through the waiting gateway: a loop
        ("Herinnering sturen", "Na 14 dagen"),
    ]
    assert {text for _, _, text in notes_of(result)} >= {
        "2 start events: one start step, each event's way a branch of it",
        "sub-process 'Dossier samenstellen' is one step: its 3 inner elements are not mapped",
        "a task without a name: named after its id 'U'",
        "message event 'Documenten ontvangen' folded into the flow between its steps",
        "timer event 'Na 14 dagen' folded into the flow between its steps",
        "event sub-process 'Annulatie' not mapped",
    }


APPLICANT_LANE = """
    <bpmn:collaboration id="C"><bpmn:participant id="Pool" name="Gemeente" processRef="P"/></bpmn:collaboration>
    <bpmn:process id="P" name="Evenement">
      <bpmn:laneSet id="L">
        <bpmn:lane id="L1" name="De aanvrager">
          <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>A</bpmn:flowNodeRef><bpmn:flowNodeRef>C</bpmn:flowNodeRef>
        </bpmn:lane>
        <bpmn:lane id="L2" name="Onthaal"><bpmn:flowNodeRef>B</bpmn:flowNodeRef></bpmn:lane>
        <bpmn:lane id="L3" name="Burgerzaken (backoffice)"><bpmn:flowNodeRef>D</bpmn:flowNodeRef>
          <bpmn:flowNodeRef>F</bpmn:flowNodeRef></bpmn:lane>
      </bpmn:laneSet>
      <bpmn:startEvent id="S"/>
      <bpmn:task id="A" name="Formulier invullen"/>
      <bpmn:task id="B" name="Aanvraag nakijken"/>
      <bpmn:task id="C" name="Ontbrekende stukken bezorgen"/>
      <bpmn:task id="D" name="Vergunning opmaken"/>
      <bpmn:task id="F" name="Register bijwerken"/>
      <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
      <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
      <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="C"/>
      <bpmn:sequenceFlow id="f4" sourceRef="C" targetRef="D"/>
      <bpmn:sequenceFlow id="f5" sourceRef="D" targetRef="F"/>
    </bpmn:process>
    """


def test_a_lane_of_the_applicant_is_the_citizen_and_the_lanes_match_the_catalogs_units(import_files) -> None:
    result, root = import_files({"evenement.bpmn": definitions(APPLICANT_LANE)})
    data = read_yaml(root / "processes/evenement.yaml")
    # the applicant's own tasks are no steps; the steps before and after them meet the citizen
    assert [(step["name"], step["unit"], step.get("office")) for step in data["steps"]] == [
        ("Aanvraag nakijken", "onthaal", None),  # onthaal is front office already
        ("Vergunning opmaken", "burgerzaken", "front"),  # takes over from the citizen, in a back-office unit
        ("Register bijwerken", "burgerzaken", None),
    ]
    assert targets(data, "Aanvraag nakijken") == [("Vergunning opmaken", None)]
    assert result.new_units == ()  # `Onthaal` is onthaal's name, `Burgerzaken (backoffice)` makes burgerzaken
    assert read_yaml(root / "catalog/organisation.yaml")["units"][1]["office"] == "back"  # units stay as they were


TWO_POOLS = """
    <bpmn:collaboration id="C">
      <bpmn:participant id="Pool_b" name="Burger" processRef="P_b"/>
      <bpmn:participant id="Pool_g" name="Stad" processRef="P_g"/>
      <bpmn:messageFlow id="m1" sourceRef="Task_b1" targetRef="Task_g1"/>
      <bpmn:messageFlow id="m2" sourceRef="Task_g3" targetRef="Pool_b"/>
    </bpmn:collaboration>
    <bpmn:process id="P_b">
      <bpmn:task id="Task_b1" name="Melding doen"/>
    </bpmn:process>
    <bpmn:process id="P_g" name="Melding afhandelen">
      <bpmn:laneSet id="L"><bpmn:lane id="L1" name="Lokale politie">
        <bpmn:flowNodeRef>Task_g1</bpmn:flowNodeRef><bpmn:flowNodeRef>Task_g2</bpmn:flowNodeRef>
      </bpmn:lane></bpmn:laneSet>
      <bpmn:task id="Task_g1" name="Melding opnemen"/>
      <bpmn:task id="Task_g2" name="Ter plaatse gaan"/>
      <bpmn:task id="Task_g3" name="Melder inlichten"/>
      <bpmn:sequenceFlow id="f1" sourceRef="Task_g1" targetRef="Task_g2"/>
      <bpmn:sequenceFlow id="f2" sourceRef="Task_g2" targetRef="Task_g3"/>
    </bpmn:process>
    """


def test_a_pool_named_as_the_applicant_is_the_citizen_even_with_tasks(import_files) -> None:
    result, root = import_files({"melding.bpmn": definitions(TWO_POOLS)})
    (file,) = result.files
    assert file.citizen_pools == ("Burger",) and len(file.written) == 1
    data = read_yaml(root / "processes/melding-afhandelen.yaml")
    assert [(step["unit"], step.get("office")) for step in data["steps"]] == [
        ("politie", "front"),  # the lane is politie's name; its message comes from the citizen
        ("politie", None),  # no contact: back office, as politie is
        ("stad", None),  # in no lane: the pool's unit, new, front office (its only step meets the citizen)
    ]
    assert [(unit.id, unit.office) for unit in result.new_units] == [("stad", "front")]
    assert ("pool 'Burger' is the applicant: its 1 task(s) are the citizen's own, not steps") in {
        text for _, _, text in notes_of(result)
    }


@pytest.mark.parametrize(
    ("name", "applicant"),
    [
        ("Aanvrager", True),
        ("De aanvrager", True),
        ("Burger / Ondernemer", True),
        ("Klant (burger of bedrijf)", True),
        ("Inwoners", True),
        ("Bürger", True),
        ("Citizen", True),
        ("Klantcontactcentrum", False),
        ("Klant Contact Centrum", False),
        ("Burgerzaken", False),
        ("Gemeente", False),
        ("", False),
    ],
)
def test_which_names_name_the_applicant(name: str, applicant: bool) -> None:
    assert is_applicant(name) is applicant


TOOL_QUIRKS = """
    <bpmn:collaboration id="C">
      <bpmn:participant id="Pool_1" name="Team-Assistant" processRef="P1"/>
      <bpmn:participant id="Pool_2" name="Backoffice facturen" processRef="P2"/>
      <bpmn:participant id="Pool_1_again" name="Team-Assistant"/>
    </bpmn:collaboration>
    <bpmn:process id="P1" name="Factuur ontvangen">
      <bpmn:task id="A" name="Factuur scannen"/>
      <bpmn:exclusiveGateway id="X" name="Leesbaar?"/>
      <bpmn:task id="B" name="Factuur archiveren"/>
      <bpmn:task id="C" name="Opnieuw opvragen"/>
      <bpmn:sequenceFlow id="f1" name="Sequence Flow_36" sourceRef="A" targetRef="X"/>
      <bpmn:sequenceFlow id="f2" name="to Factuur archiveren" sourceRef="X" targetRef="B"/>
      <bpmn:sequenceFlow id="f3" name="nee" sourceRef="X" targetRef="C"/>
    </bpmn:process>
    <bpmn:process id="P2" name="Factuur betalen">
      <bpmn:laneSet id="L">
        <bpmn:lane id="L1" name="Team Assistant"><bpmn:flowNodeRef>D</bpmn:flowNodeRef></bpmn:lane>
      </bpmn:laneSet>
      <bpmn:task id="D" name="Betaling voorbereiden"/>
    </bpmn:process>
    """


def test_what_tools_add_by_themselves_is_not_taken_for_the_model(import_files) -> None:
    result, root = import_files({"factuur.bpmn": definitions(TOOL_QUIRKS)})
    (file,) = result.files
    # a pool drawn a second time without a process (Visual Paradigm) is no black-box party, so no citizen
    assert file.citizen_pools == ()
    data = read_yaml(root / "processes/factuur-ontvangen.yaml")
    # names a tool gives flows by itself (`Sequence Flow_36`, IBM's `to <target>`) label nothing
    assert targets(data, "Factuur scannen") == [("Factuur archiveren", None), ("Opnieuw opvragen", "nee")]
    # `Team-Assistant` (a pool) and `Team Assistant` (a lane) make one id: one new unit
    assert [unit.id for unit in result.new_units] == ["team-assistant"]
    assert read_yaml(root / "processes/factuur-betalen.yaml")["steps"][0]["unit"] == "team-assistant"


def test_a_process_whose_every_task_is_the_applicants_gives_no_file_but_a_note(import_files) -> None:
    body = """
        <bpmn:process id="P" name="Aanvraag">
          <bpmn:laneSet id="L">
            <bpmn:lane id="L1" name="Burger"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane>
          </bpmn:laneSet>
          <bpmn:task id="T" name="Formulier invullen"/>
        </bpmn:process>
        """
    result, root = import_files({"burger.bpmn": definitions(body)})
    assert result.files[0].written == () and not (root / "processes/aanvraag.yaml").exists()
    assert notes_of(result) == [(3, True, "process 'Aanvraag': every task is in a lane of the applicant: no steps")]


OUTCOMES = """
    <bpmn:process id="P" name="Parkeerkaart">
      <bpmn:startEvent id="S"/>
      <bpmn:task id="A" name="Aanvraag nakijken"/>
      <bpmn:exclusiveGateway id="G" name="Woont de aanvrager in de zone?"/>
      <bpmn:task id="K" name="Kaart afleveren"/>
      <bpmn:task id="W" name="Weigering meedelen"/>
      <bpmn:task id="D" name="Doorverwijzen naar het OCMW"/>
      <bpmn:endEvent id="E1" name="Kaart bezorgd"/>
      <bpmn:endEvent id="E2" name="Geweigerd"/>
      <bpmn:endEvent id="E3" name="referred"/>
      <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
      <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="G"/>
      <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="K" name="in de zone"/>
      <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="W" name="buiten de zone"/>
      <bpmn:sequenceFlow id="f5" sourceRef="G" targetRef="D" name="geen inkomen"/>
      <bpmn:sequenceFlow id="f6" sourceRef="K" targetRef="E1"/>
      <bpmn:sequenceFlow id="f7" sourceRef="W" targetRef="E2"/>
      <bpmn:sequenceFlow id="f8" sourceRef="D" targetRef="E3"/>
    </bpmn:process>
    """


def test_an_end_event_named_as_an_outcome_gives_its_step_that_outcome(import_files) -> None:
    """svcmap's export names the end event after a step's `outcome` (English); a Dutch name reads the same."""
    _, root = import_files({"parkeerkaart.bpmn": definitions(OUTCOMES)})
    steps = steps_by_name(read_yaml(root / "processes/parkeerkaart.yaml"))
    assert steps["Weigering meedelen"]["outcome"] == "refused"
    assert steps["Doorverwijzen naar het OCMW"]["outcome"] == "referred"
    assert "outcome" not in steps["Kaart afleveren"]  # any other name: delivered, the default
